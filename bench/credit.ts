// `npm run bench -- credit [--customers 10000] [--entries-per-customer 100] [--clients 50] [--seconds 10]`:
// the nightly scoring of every customer over the whole ledger, then the credit check at N concurrent
// clients over HTTP, first as GraphQL's creditCheck, then as POST /credit/check (the same check
// without GraphQL's pipeline). Last line: {"bench":"credit",…}.
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { signUserToken } from '../auth/user-token';
import { UserRole } from '../contract/enums';
import { scoreAllCustomers } from '../credit/scoring.service';
import { choosePort } from '../temporal/dev-server';
import { BENCH_AUDIT_CHAIN_KEY, databaseUrl, startApiProcess, stopProcess } from './_api-process';
import { openBenchEnvironment } from './_bench-environment';
import { numberArg, printResult } from './_cli';
import { runLoad, type LoadResult } from './_http-load';
import { cpuSeconds } from './_cpu-time';
import { CREDIT_CHECK_PATH } from '../api/http/credit-check-route';

const TOKEN_SECRET = 'bench-token-secret-'.padEnd(40, 'x');
const LINK_SECRET = 'bench-link-secret-'.padEnd(40, 'x');

export interface CreditBenchOptions {
  customers: number;
  entriesPerCustomer: number;
  clients: number;
  warmupSeconds: number;
  seconds: number;
  log?: (line: string) => void;
}

export interface CreditBenchResult {
  bench: 'credit';
  customers: number;
  entries: number;
  seedSeconds: number;
  scoreSeconds: number;
  byClass: Record<string, number>;
  clients: number;
  /** GraphQL's creditCheck. */
  checkRps: number;
  checkP50Ms: number;
  checkP99Ms: number;
  /** The API process's CPU time (user + system) per GraphQL check, warm-up included: what load does not blur. */
  checkCpuMs: number | null;
  /** POST /credit/check, the same check without GraphQL. */
  restCheckRps: number;
  restCheckP50Ms: number;
  restCheckP99Ms: number;
  restCheckCpuMs: number | null;
}

const CHECK =
  'query ($c: String!) { creditCheck(customerCode: $c, amount: "1000") { decision exposure available } }';

/**
 * Seeds in SQL (MariaDB's sequence tables): customers C00001…, each with invoices and receipts
 * over two years, one invoice a fortnight (every third customer pays late, every seventh on month-end terms), a limit each.
 */
export async function seedCreditBench(
  run: (sql: string, params?: unknown[]) => Promise<unknown>,
  customers: number,
  per: number,
) {
  await run(
    `INSERT INTO customers (code, name, currency) SELECT CONCAT('C', LPAD(seq, 6, '0')), CONCAT('客户 ', seq), 'CNY'
       FROM seq_1_to_${customers}`,
  );
  // Entry n of a customer: even n an invoice, odd n the receipt paying it 20 days (or, for every
  // third customer, 20 + 40 days) after, all before 2026-11-30.
  await run(
    `INSERT INTO ledger_entries (customer_id, source, external_id, entry_date, kind, amount, currency)
     SELECT c.id, 'bench', CONCAT(c.id, '-', s.seq),
            DATE('2024-12-01') + INTERVAL (FLOOR(s.seq / 2) * 14 + IF(s.seq % 2 = 1, 20 + IF(c.id % 3 = 0, 40, 0), 0)) % 720 DAY,
            IF(s.seq % 2 = 0, 'INVOICE', 'RECEIPT'),
            IF(s.seq % 2 = 0, 1, -1) * (100 + (c.id * 37 + FLOOR(s.seq / 2) * 11) % 900),
            'CNY'
       FROM customers c JOIN seq_0_to_${per - 1} s`,
  );
  await run(
    `INSERT INTO customer_payment_terms (customer_id, terms_id, effective_from, assigned_by)
     SELECT c.id, t.id, '2024-01-01', 'bench' FROM customers c JOIN payment_terms t ON t.code = 'EOM60' WHERE c.id % 7 = 0`,
  );
  await run(
    `INSERT INTO credit_limits (customer_id, currency, amount, set_by) SELECT id, 'CNY', 5000 + (id % 10) * 1000, 'bench' FROM customers`,
  );
}

export async function runCreditBench(options: CreditBenchOptions): Promise<CreditBenchResult> {
  const log = options.log ?? (() => undefined);
  const { db, dataSource, dataDir, temporal, close } = await openBenchEnvironment('credit');
  let api: ChildProcess | undefined;
  try {
    const entries = options.customers * options.entriesPerCustomer;
    log(`seeding ${options.customers} customers, ${entries} ledger entries`);
    const seedStart = performance.now();
    await seedCreditBench(
      (sql, params) => dataSource.query(sql, params),
      options.customers,
      options.entriesPerCustomer,
    );
    await dataSource.query('ANALYZE TABLE ledger_entries, customers');
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s; scoring`);

    const scoreStart = performance.now();
    const run = await scoreAllCustomers(dataSource, '2026-11-30');
    const scoreSeconds = (performance.now() - scoreStart) / 1000;
    log(
      `scored ${run.customers} in ${scoreSeconds.toFixed(2)} s (measure ${run.measureMs} ms, write ${run.writeMs} ms): ${JSON.stringify(run.byClass)}`,
    );
    if (run.customers !== options.customers)
      throw new Error(`scored ${run.customers} of ${options.customers}`);

    const started = await startApiProcess({
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(db),
      TEMPORAL_ADDRESS: temporal.address,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(await choosePort(0)),
      AUTH_TOKEN_SECRET: TOKEN_SECRET,
      CUSTOMER_LINK_SECRET: LINK_SECRET,
      AUDIT_CHAIN_KEY: BENCH_AUDIT_CHAIN_KEY,
      RECON_DATA_DIR: dataDir,
    });
    api = started.child;
    const [user] = (await dataSource.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('erp@bench.test', 'ERP', 'AUDITOR', 'x') RETURNING CAST(id AS CHAR) AS id`,
    )) as Array<{ id: string }>;
    const bearer = `Bearer ${signUserToken(TOKEN_SECRET, { sub: user.id, role: UserRole.AUDITOR, name: 'ERP', exp: Date.now() / 1000 + 3600 })}`;
    const step = Math.max(1, Math.floor(options.customers / options.clients));
    log(
      `credit check: ${options.clients} clients, ${options.warmupSeconds} s warm-up, ${options.seconds} s measured`,
    );
    const codeOf = (client: number) =>
      `C${String(1 + ((client * step) % options.customers)).padStart(6, '0')}`;
    const check = (status: number, body: Buffer) => {
      if (status !== 200 || !body.includes('"decision"'))
        throw new Error(`credit check answered ${status}: ${body.toString()}`);
    };
    const cpuPerCheck = async (run: () => Promise<LoadResult>) => {
      const before = cpuSeconds(api!.pid!);
      const result = await run();
      const after = cpuSeconds(api!.pid!);
      const ms = before === null || after === null ? null : ((after - before) * 1000) / result.answered;
      return { ...result, cpuMs: ms === null ? null : Number(ms.toFixed(3)) };
    };
    const load = await cpuPerCheck(() =>
      runLoad({
        url: started.url,
        clients: options.clients,
        warmupSeconds: options.warmupSeconds,
        seconds: options.seconds,
        request: (client) => ({
          headers: { authorization: bearer },
          body: JSON.stringify({ query: CHECK, variables: { c: codeOf(client) } }),
        }),
        check,
      }),
    );
    log(`credit check over GraphQL: ${JSON.stringify(load)}`);
    const rest = await cpuPerCheck(() =>
      runLoad({
        url: new URL(CREDIT_CHECK_PATH, started.url).toString(),
        clients: options.clients,
        warmupSeconds: options.warmupSeconds,
        seconds: options.seconds,
        request: (client) => ({
          headers: { authorization: bearer },
          body: JSON.stringify({ customerCode: codeOf(client), amount: '1000' }),
        }),
        check,
      }),
    );
    log(`credit check over POST /credit/check: ${JSON.stringify(rest)}`);
    return {
      bench: 'credit',
      customers: options.customers,
      entries,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      scoreSeconds: Number(scoreSeconds.toFixed(2)),
      byClass: run.byClass,
      clients: options.clients,
      checkRps: load.rps,
      checkP50Ms: load.p50Ms,
      checkP99Ms: load.p99Ms,
      checkCpuMs: load.cpuMs,
      restCheckRps: rest.rps,
      restCheckP50Ms: rest.p50Ms,
      restCheckP99Ms: rest.p99Ms,
      restCheckCpuMs: rest.cpuMs,
    };
  } finally {
    if (api) await stopProcess(api);
    await close();
  }
}

if (require.main === module)
  printResult(
    runCreditBench({
      customers: numberArg('customers', 10_000),
      entriesPerCustomer: numberArg('entries-per-customer', 100),
      clients: numberArg('clients', 50),
      warmupSeconds: numberArg('warmup', 3),
      seconds: numberArg('seconds', 10),
      log: (line) => console.log(line),
    }),
  );
