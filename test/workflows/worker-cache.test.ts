import { mkdtempSync, readFileSync } from 'node:fs';
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
  }, 60_000); // a dev server on a loaded machine takes longer than jest's default 5 s to start
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

describe("the worker process's heaps", () => {
  it("caps the worker process's V8 heaps (each thread's: main, workflows, PDFs), so a lazy collector cannot grow them unbounded", () => {
    const packageJson = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(packageJson.scripts['start:worker']).toBe('node --max-old-space-size=1536 dist/main/worker.js');
  });
});
