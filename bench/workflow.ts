import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTORS } from '../contract/actor';
import { ActorType, PeriodStatus } from '../contract/enums';
import type { StatementMessage, StatementTransport } from '../notifications/statement-transport';
import { PeriodService } from '../periods/period.service';
import { createReconWorker } from '../worker/create-worker';
import { confirmStatement } from '../contract/period';
import { openBenchEnvironment } from './_bench-environment';
import { numberArg, printResult } from './_cli';

export interface WorkflowBenchOptions {
  periods: number;
  linesPerSide: number;
  /** Keep the dev server's state in a file, as `npm run demo` does (false: in memory). */
  persistent: boolean;
}

export interface WorkflowBenchResult {
  bench: 'workflow';
  periods: number;
  seconds: number;
  periodsPerSecond: number;
  linesPerSide: number;
  persistent: boolean;
}

const BENCH_QUEUE = 'recon-bench';

/** Seeds N customers with a clean October (both sides equal) in a few multi-row INSERTs. */
async function seed(dataSource: DataSource, periods: number, lines: number): Promise<string[]> {
  const codes = Array.from({ length: periods }, (_, i) => `B${String(i + 1).padStart(6, '0')}`);
  await dataSource.query(
    `INSERT INTO customers (code, name, currency) VALUES ${codes.map(() => '(?, ?, ?)').join(', ')}`,
    codes.flatMap((code) => [code, `基准客户 ${code}`, 'CNY']),
  );
  const ids = (await dataSource.query(
    'SELECT CAST(id AS CHAR) AS id, code FROM customers ORDER BY id',
  )) as Array<{ id: string; code: string }>;
  const amount = (i: number, k: number) =>
    `${100 + ((i * 7 + k * 13) % 900)}.${String((i + k) % 100).padStart(2, '0')}`;
  for (let start = 0; start < ids.length; start += 200) {
    const chunk = ids.slice(start, start + 200);
    const entries = chunk.flatMap((c, i) =>
      Array.from({ length: lines }, (_, k) => [
        'bench',
        `${c.code}-${k}`,
        c.id,
        `2026-10-${String(1 + (k % 28)).padStart(2, '0')}`,
        `INV-${c.code}-${k}`,
        'INVOICE',
        amount(start + i, k),
        'CNY',
      ]),
    );
    await dataSource.query(
      `INSERT INTO ledger_entries (source, external_id, customer_id, entry_date, doc_no, kind, amount, currency) VALUES ${entries.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      entries.flat(),
    );
    for (const [i, c] of chunk.entries()) {
      const total = Array.from({ length: lines }, (_, k) =>
        Number(amount(start + i, k).replace('.', '')),
      ).reduce((a, b) => a + b, 0);
      const closing = `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`; // integer cents: exact
      const result = (await dataSource.query(
        `INSERT INTO customer_statements (customer_id, period_start, period_end, currency, opening_balance, closing_balance, source, source_ref, line_count) VALUES (?, '2026-10-01', '2026-10-31', 'CNY', 0, ?, 'API', ?, ?)`,
        [c.id, closing, `bench-${c.code}`, lines],
      )) as { insertId: number };
      const statementLines = Array.from({ length: lines }, (_, k) => [
        result.insertId,
        k + 1,
        `L${k}`,
        `2026-10-${String(1 + (k % 28)).padStart(2, '0')}`,
        `inv ${c.code}-${k}`,
        'INVOICE',
        amount(start + i, k),
        'CNY',
      ]);
      await dataSource.query(
        `INSERT INTO statement_lines (statement_id, line_no, external_id, txn_date, reference, kind, amount, currency) VALUES ${statementLines.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        statementLines.flat(),
      );
    }
  }
  return codes;
}

/** A customer who answers every statement at once: the "test responder" of the benchmark. */
class RespondingCustomer implements StatementTransport {
  constructor(private readonly confirm: (periodId: string) => void) {}
  async send(message: StatementMessage): Promise<void> {
    const match = /^statement-(\d+)-round-/.exec(message.messageId);
    if (match) this.confirm(match[1]);
  }
}

export async function runWorkflowBench(options: WorkflowBenchOptions): Promise<WorkflowBenchResult> {
  const {
    dataSource,
    temporal: server,
    close,
  } = await openBenchEnvironment('workflow', {
    persistentTemporal: options.persistent,
    poolSize: 20,
  });
  const connection = await Connection.connect({ address: server.address }).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  const client = new Client({ connection });
  try {
    const codes = await seed(dataSource, options.periods, options.linesPerSide);
    const workflowIds = new Map<string, string>();
    const answers: Promise<unknown>[] = [];
    let retries = 0;
    const answer = (periodId: string) => {
      const confirmOnce = async (): Promise<unknown> => {
        const workflowId =
          workflowIds.get(periodId) ??
          (
            await dataSource.query('SELECT workflow_id FROM reconciliation_periods WHERE id = ?', [periodId])
          )[0].workflow_id;
        for (;;) {
          try {
            return await client.workflow.getHandle(workflowId).executeUpdate(confirmStatement, {
              args: [{ actor: { id: `customer:${periodId}`, type: ActorType.CUSTOMER } }],
            });
          } catch (error) {
            // The statement left a moment before the period reached AWAITING_CUSTOMER: ask again.
            if (!/AWAITING_CUSTOMER/.test(String((error as { cause?: { message?: string } }).cause?.message)))
              throw error;
            retries += 1;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
      };
      answers.push(confirmOnce());
    };
    const { worker, connection: workerConnection } = await createReconWorker({
      address: server.address,
      namespace: 'default',
      taskQueue: BENCH_QUEUE,
      deps: {
        dataSource,
        transport: new RespondingCustomer(answer),
        customerLinks: { secret: 'b'.repeat(32), publicUrl: 'http://bench.invalid', ttlSeconds: 3600 },
      },
      maxConcurrentActivityTaskExecutions: 100,
    });
    const running = worker.run();
    // Periods are opened as the schedule's fan-out opens them: from the worker's process, on its connection.
    const periods = new PeriodService(dataSource, new Client({ connection: workerConnection }), BENCH_QUEUE, {
      eagerStart: true,
    });

    const started = process.hrtime.bigint();
    const opened = [];
    for (let i = 0; i < codes.length; i += 50) {
      opened.push(
        ...(await Promise.all(
          codes
            .slice(i, i + 50)
            .map((code) => periods.openPeriod(code, '2026-10-01', '2026-10-31', SYSTEM_ACTORS.operator)),
        )),
      );
      for (const result of opened) workflowIds.set(result.period.id, result.workflowId);
    }
    const openedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const startedMs = Date.now() - openedSeconds * 1000;
    let lastReport = 0;
    // Done when every period row says CLOSED (the row is written in the close's own transaction);
    // polling one COUNT spares the server a thousand long-polls on workflow results.
    for (;;) {
      const [row] = (await dataSource.query(
        "SELECT COUNT(*) AS n FROM reconciliation_periods WHERE status = 'CLOSED'",
      )) as Array<{ n: string }>;
      if (Number(row.n) === options.periods) break;
      if (process.env.BENCH_VERBOSE && Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        console.error(`${((Date.now() - startedMs) / 1000).toFixed(1)} s: ${row.n} closed`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (process.env.BENCH_VERBOSE)
      console.error(
        `opened all in ${openedSeconds.toFixed(2)} s, closed all in ${seconds.toFixed(2)} s; ${retries} answers asked again`,
      );
    await Promise.all(answers);
    const outcomes = await Promise.all(opened.map((result) => periods.handle(result.workflowId).result()));
    const closed = outcomes.filter((outcome) => outcome.status === PeriodStatus.CLOSED).length;
    if (closed !== options.periods) throw new Error(`only ${closed} workflows closed of ${options.periods}`);
    worker.shutdown();
    await running;
    await workerConnection.close();
    return {
      bench: 'workflow',
      periods: options.periods,
      seconds: Number(seconds.toFixed(2)),
      periodsPerSecond: Number((options.periods / seconds).toFixed(1)),
      linesPerSide: options.linesPerSide,
      persistent: options.persistent,
    };
  } finally {
    await connection.close();
    await close();
  }
}

if (require.main === module) {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  printResult(
    runWorkflowBench({
      periods: numberArg('periods', 1000),
      linesPerSide: numberArg('lines', 5),
      // The dev server's own default is in memory (`temporal server start-dev`); --persistent keeps
      // its state in a SQLite file, as `npm run demo` does.
      persistent: process.argv.includes('--persistent'),
    }),
  );
}
