// Draining dunning_looks: each customer whose payment (or credit, or clerk's application) the
// database noted gets its dunning case signalled, whoever wrote the payment.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { paymentRecorded } from '../contract/collections/dunning';
import { createLogger } from '../observability/logger';
import type { DunningStarter } from './dunning-starter';

const log = createLogger('dunning');

type LookRow = { id: string; code: string; requests: string };

export interface DrainResult {
  /** Customers whose running case was signalled. */
  signalled: string[];
  /** Rows kept for the next drain (Temporal did not answer). */
  kept: number;
}

/**
 * Signals `paymentRecorded` to each noted customer's case, then deletes the row only if nobody
 * noted the customer again meanwhile (`requests` unchanged): at least once per payment, and a
 * second signal only makes the case look once more. A case that is not running (closed since, or
 * never started) has nothing to hear: its row goes. A row whose signal failed stays for the next
 * drain.
 */
export async function drainDunningLooks(
  dataSource: DataSource,
  starter: Pick<DunningStarter, 'handle'>,
  batch = 200,
): Promise<DrainResult> {
  const rows = (await dataSource.query(
    `SELECT CAST(l.customer_id AS CHAR) AS id, c.code, CAST(l.requests AS CHAR) AS requests
       FROM dunning_looks l JOIN customers c ON c.id = l.customer_id
      ORDER BY l.customer_id LIMIT ?`,
    [batch],
  )) as LookRow[];
  const signalled: string[] = [];
  let kept = 0;
  await Promise.all(
    rows.map(async (row) => {
      try {
        await starter.handle(row.code).signal(paymentRecorded);
        signalled.push(row.code);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) {
          kept += 1;
          log.warn('dunning look not delivered; kept for the next drain', {
            customerCode: row.code,
            error: String(error),
          });
          return;
        }
      }
      await dataSource.query('DELETE FROM dunning_looks WHERE customer_id = ? AND requests = ?', [
        row.id,
        row.requests,
      ]);
    }),
  );
  return { signalled: signalled.sort(), kept };
}

/**
 * Drains every `intervalMs` in the worker process (DUNNING_LOOK_POLL_MS), so a payment imported by
 * the CLI or applied by a clerk reaches the case within about that long. One drain at a time; a
 * failed drain is logged and tried again at the next tick.
 */
export class DunningLookPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly starter: Pick<DunningStarter, 'handle'>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = drainDunningLooks(this.dataSource, this.starter)
        .catch((error: unknown) => log.warn('dunning looks not drained', { error: String(error) }))
        .finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }
}
