import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WORKFLOW_CACHE_SIZE } from '../../worker/create-worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestTemporal } from '../support/temporal';
import { startTestWorker } from '../support/test-worker';

describe("the worker's workflow cache", () => {
  let env: TestWorkflowEnvironment;
  let db: TestDatabase;

  beforeAll(async () => {
    [env, db] = await Promise.all([startTestTemporal(), createTestDatabase('worker_cache')]);
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.drop();
  });

  it('is bounded by WORKFLOW_CACHE_SIZE, not by the heap limit (the SDK default kept a month of periods in memory)', async () => {
    const outbox = mkdtempSync(path.join(os.tmpdir(), 'recon-cache-outbox-'));
    const worker = await startTestWorker(env, db, { taskQueue: 'worker-cache', outbox });
    try {
      expect(worker.worker.options.maxCachedWorkflows).toBe(WORKFLOW_CACHE_SIZE);
    } finally {
      await worker.stop();
    }
  });
});
