import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DevServer } from '../../temporal/dev-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { reconProcessEnv, startOwnTemporal } from '../support/fault-stack';
import { freePort, startRecon, waitFor, type ReconChild } from '../faults/support/processes';

const SECRET = 'process-metrics-token-secret-'.padEnd(48, 'q');

/**
 * #20 "Metrics": the production worker process (dist/main/worker.js) serves Recon's /metrics on its
 * admin port (METRICS_PORT) and the Temporal SDK's worker metrics (TEMPORAL_METRICS_ADDRESS), and
 * its log lines carry no secret. The in-process API side is test/main/observability.test.ts.
 */
describe('the worker process’s metrics endpoints', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-process-metrics-'));
  let db: TestDatabase;
  let temporal: DevServer;
  let worker: ReconChild;
  let metricsPort: number;
  let temporalMetricsPort: number;

  beforeAll(async () => {
    db = await createTestDatabase('process_metrics');
    temporal = await startOwnTemporal(dir);
    metricsPort = await freePort();
    temporalMetricsPort = await freePort();
    worker = await startRecon(
      'worker',
      reconProcessEnv(
        { temporal, databaseUrl: db.config.url, dir, taskQueue: 'process-metrics' },
        {
          METRICS_PORT: String(metricsPort),
          TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${temporalMetricsPort}`,
          AUTH_TOKEN_SECRET: SECRET,
          LOG_LEVEL: 'debug',
        },
      ),
    );
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await temporal?.stop();
    await db?.drop();
  });

  it('serves Recon’s metrics and the database’s gauges on METRICS_PORT', async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('recon_process_nodejs_eventloop_lag_seconds');
    expect(text).toMatch(/^# TYPE recon_periods gauge$/m);
    expect(text).toMatch(/^# TYPE recon_webhook_oldest_pending_age_seconds gauge$/m);
  });

  it('serves the Temporal SDK’s worker metrics on TEMPORAL_METRICS_ADDRESS', async () => {
    // The SDK's exporter fills in once the pollers run.
    const text = await waitFor(
      'the Temporal SDK metrics',
      async () => {
        const body = await (await fetch(`http://127.0.0.1:${temporalMetricsPort}/metrics`)).text();
        return /temporal_num_pollers|temporal_worker_task_slots_available/.test(body) ? body : undefined;
      },
      30_000,
    );
    expect(text).toMatch(/task_queue="process-metrics"/);
  });

  it('writes the Temporal SDK’s log lines through Recon’s JSON logger, with no secret in any line', async () => {
    // The SDK hands its lines over in batches, so "Worker state changed" can come after the worker's
    // own "polling" line (clean-clone CI on ff800c5 read the output before it came).
    const output = await waitFor(
      'the SDK’s "Worker state changed" line',
      async () => (worker.output().includes('Worker state changed') ? worker.output() : undefined),
      30_000,
    );
    expect(output).toContain('Recon worker polling');
    expect(output).not.toContain(SECRET);
    // Not the SDK's own text format ("… [INFO] Worker state changed") nor its native colours.
    expect(output).not.toMatch(/\[(INFO|WARN|ERROR|DEBUG)\]/);
    expect(output).not.toContain('\u001b[');
    const state = output.split('\n').find((line) => line.includes('Worker state changed'));
    expect(JSON.parse(state ?? 'null')).toMatchObject({
      level: 'info',
      component: 'temporal',
      msg: 'Worker state changed',
      state: 'RUNNING',
      taskQueue: 'process-metrics',
    });
  });
});
