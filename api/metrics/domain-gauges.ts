import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Scrapes come every 15–60 s; several in a burst (two Prometheus replicas) read the database once. */
const FRESH_MS = 10_000;

interface Snapshot {
  periods: Array<{ status: string; n: number }>;
  tasks: Array<{ type: string; n: number; oldestSeconds: number }>;
  webhooks: Array<{ status: string; n: number; oldestSeconds: number }>;
}

/**
 * The state of the work, read from the database when Prometheus scrapes: periods by status, the open
 * task backlog and its age by kind, and the webhook backlog. Gauges take the first process's value in
 * a cluster (every process reads the same database).
 */
export function registerDomainGauges(registry: Registry, dataSource: DataSource): void {
  let cached: { at: number; snapshot: Promise<Snapshot> } | undefined;
  const snapshot = (): Promise<Snapshot> => {
    if (!cached || Date.now() - cached.at > FRESH_MS) {
      const reading = readSnapshot(dataSource);
      cached = { at: Date.now(), snapshot: reading };
      // A failed read is not kept: the next scrape tries again.
      reading.catch(() => (cached = undefined));
    }
    return cached.snapshot;
  };

  /** A gauge set from the snapshot at each scrape: one value per label, or one value when unlabelled. */
  const gauge = (
    name: string,
    help: string,
    label: string | undefined,
    values: (snapshot: Snapshot) => Array<{ label?: string; value: number }>,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: label ? [label] : [],
      registers: [registry],
      aggregator: 'first',
      async collect() {
        const rows = values(await snapshot());
        this.reset();
        for (const row of rows) {
          if (label) this.set({ [label]: row.label ?? '' }, row.value);
          else this.set(row.value);
        }
      },
    });

  gauge('recon_periods', 'Reconciliation periods by status.', 'status', ({ periods }) =>
    periods.map((row) => ({ label: row.status, value: row.n })),
  );
  gauge(
    'recon_tasks_open',
    'Open and claimed clerk/manager tasks by kind (the backlog).',
    'kind',
    ({ tasks }) => tasks.map((row) => ({ label: row.type, value: row.n })),
  );
  gauge(
    'recon_task_oldest_open_age_seconds',
    'Age of the oldest open or claimed task by kind.',
    'kind',
    ({ tasks }) => tasks.map((row) => ({ label: row.type, value: row.oldestSeconds })),
  );
  gauge(
    'recon_webhook_deliveries',
    'Webhook deliveries waiting (PENDING) or given up (FAILED).',
    'status',
    ({ webhooks }) => webhooks.map((row) => ({ label: row.status, value: row.n })),
  );
  gauge(
    'recon_webhook_oldest_pending_age_seconds',
    'Age of the oldest webhook delivery still waiting.',
    undefined,
    ({ webhooks }) => [{ value: webhooks.find((row) => row.status === 'PENDING')?.oldestSeconds ?? 0 }],
  );
}

async function readSnapshot(dataSource: DataSource): Promise<Snapshot> {
  const [periods, tasks, webhooks] = await Promise.all([
    dataSource.query(`SELECT status, COUNT(*) AS n FROM reconciliation_periods GROUP BY status`),
    dataSource.query(
      `SELECT type, COUNT(*) AS n, TIMESTAMPDIFF(SECOND, MIN(created_at), NOW(3)) AS oldest
         FROM tasks WHERE status IN ('OPEN', 'CLAIMED') GROUP BY type`,
    ),
    dataSource.query(
      `SELECT status, COUNT(*) AS n, TIMESTAMPDIFF(SECOND, MIN(created_at), NOW(3)) AS oldest
         FROM webhook_deliveries WHERE status IN ('PENDING', 'FAILED') GROUP BY status`,
    ),
  ]);
  type Row = Record<string, string | number | null>;
  return {
    periods: (periods as Row[]).map((r) => ({ status: String(r.status), n: Number(r.n) })),
    tasks: (tasks as Row[]).map((r) => ({
      type: String(r.type),
      n: Number(r.n),
      oldestSeconds: Math.max(0, Number(r.oldest ?? 0)),
    })),
    webhooks: (webhooks as Row[]).map((r) => ({
      status: String(r.status),
      n: Number(r.n),
      oldestSeconds: Math.max(0, Number(r.oldest ?? 0)),
    })),
  };
}
