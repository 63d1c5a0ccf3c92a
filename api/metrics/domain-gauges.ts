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

  new Gauge({
    name: 'recon_periods',
    help: 'Reconciliation periods by status.',
    labelNames: ['status'] as const,
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const { periods } = await snapshot();
      this.reset();
      for (const row of periods) this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'recon_tasks_open',
    help: 'Open and claimed clerk/manager tasks by kind (the backlog).',
    labelNames: ['kind'] as const,
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const { tasks } = await snapshot();
      this.reset();
      for (const row of tasks) this.set({ kind: row.type }, row.n);
    },
  });
  new Gauge({
    name: 'recon_task_oldest_open_age_seconds',
    help: 'Age of the oldest open or claimed task by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const { tasks } = await snapshot();
      this.reset();
      for (const row of tasks) this.set({ kind: row.type }, row.oldestSeconds);
    },
  });
  new Gauge({
    name: 'recon_webhook_deliveries',
    help: 'Webhook deliveries waiting (PENDING) or given up (FAILED).',
    labelNames: ['status'] as const,
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const { webhooks } = await snapshot();
      this.reset();
      for (const row of webhooks) this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'recon_webhook_oldest_pending_age_seconds',
    help: 'Age of the oldest webhook delivery still waiting.',
    registers: [registry],
    aggregator: 'first',
    async collect() {
      const { webhooks } = await snapshot();
      this.set(webhooks.find((row) => row.status === 'PENDING')?.oldestSeconds ?? 0);
    },
  });
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
