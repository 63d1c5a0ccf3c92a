import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/config';
import { dropDatabase } from '../../db/ensure-database';

const ENTRY = path.resolve(__dirname, '../../dist/main/all-in-one.js');

describe('npm start (worker + API + its own Temporal dev server)', () => {
  const database = `recon_t_start_${process.pid}`;
  const base = loadConfig({}).database;
  afterAll(() => dropDatabase({ ...base, database }));

  it('comes up, answers health, and on SIGINT stops everything it started, the dev server included', async () => {
    expect(existsSync(ENTRY)).toBe(true); // scripts/test.sh builds before jest runs
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recon-start-'));
    const child = spawn(process.execPath, [ENTRY], {
      env: {
        ...process.env,
        DATABASE_URL: base.url.replace(/\/[^/]*$/, `/${database}`),
        RECON_DATA_DIR: dataDir,
        HTTP_PORT: '0',
        TEMPORAL_ADDRESS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 600 && !/Recon is up/.test(output); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    const url = /GraphQL: (http:\/\/\S+)\/graphql/.exec(output)?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({ ok: true, database: true, temporal: true });

    const devServers = () => execSync(`pgrep -f "[d]b-filename ${dataDir}" || true`).toString().trim();
    expect(devServers()).not.toBe('');
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    expect(code).toBe(0);
    expect(devServers()).toBe('');
  });
});
