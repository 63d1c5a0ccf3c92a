import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../config/config';
import { dropDatabase } from '../../db/ensure-database';
import { startTestTemporal } from '../support/temporal';

const ENTRY = path.resolve(__dirname, '../../dist/main/api.js');

describe('npm run start:api with API_PROCESSES=2', () => {
  const database = `recon_t_cluster_${process.pid}`;
  const base = loadConfig({}).database;
  let temporal: TestWorkflowEnvironment;
  beforeAll(async () => {
    temporal = await startTestTemporal();
  });
  afterAll(async () => {
    await temporal?.teardown();
    await dropDatabase({ ...base, database });
  });

  it('migrates a fresh database once, serves from two processes on one port, and stops them all', async () => {
    expect(existsSync(ENTRY)).toBe(true); // scripts/test.sh builds before jest runs
    const child = spawn(process.execPath, [ENTRY], {
      env: {
        ...process.env,
        API_PROCESSES: '2',
        DATABASE_URL: base.url.replace(/\/[^/]*$/, `/${database}`),
        TEMPORAL_ADDRESS: temporal.address,
        RECON_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'recon-cluster-')),
        HTTP_PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 600 && !/Recon API: \S+ \(2 processes\)/.test(output); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const url = /Recon API: (http:\/\/\S+)\/graphql/.exec(output)?.[1];
    expect([url, output]).toEqual([expect.stringMatching(/^http/), expect.any(String)]);

    const workers = () =>
      execSync(`pgrep -P ${child.pid} || true`).toString().trim().split('\n').filter(Boolean);
    expect(workers()).toHaveLength(2);
    // Both processes started on the empty database at once; the migration lock let one migrate it.
    for (let i = 0; i < 10; i++) {
      const health = await fetch(`${url}/health`, { headers: { connection: 'close' } });
      expect(await health.json()).toEqual({ ok: true, database: true, temporal: true });
    }
    const anonymous = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ myTasks { edges { cursor } } }' }),
    });
    expect(
      ((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions
        .code,
    ).toBe('UNAUTHENTICATED');

    const pids = workers();
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    expect(await exited).toBe(0);
    clearTimeout(timer);
    expect(
      execSync(`ps -o pid= -p ${pids.join(',')} || true`)
        .toString()
        .trim(),
    ).toBe('');
  }, 90_000);
});
