import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// The benchmark runs the built CLI (dist/cli/recon.js) and DuckDB in their own processes.
const BENCH = path.resolve(__dirname, '../../dist/bench/match-files.js');

describe('npm run bench -- match-files (tiny size, so it never rots)', () => {
  it('generates the files, runs recon match and the DuckDB join on them, and reports both', () => {
    expect(existsSync(BENCH)).toBe(true); // scripts/test.sh builds before jest runs
    const data = mkdtempSync(path.join(os.tmpdir(), 'recon-match-files-'));
    try {
      const run = spawnSync(process.execPath, [BENCH, '--customers', '30', '--lines', '20', '--data', data], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const last = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number | string>;
      expect(last).toMatchObject({ bench: 'match-files', customers: 30, generateLedgerLines: 30 * 20 });
      expect(last.lines).toBeGreaterThan(2 * 30 * 20 * 0.9);
      for (const figure of ['seconds', 'peakRssMb', 'duckdbSeconds', 'duckdbPeakRssMb', 'ratio'])
        expect(last[figure]).toBeGreaterThan(0);
      expect(last.ratio).toBeCloseTo((last.seconds as number) / (last.duckdbSeconds as number), 1);
      // DuckDB pairs the lines whose normalised references and amounts agree: a good share, never more than ours.
      expect(last.duckdbPairs).toBeGreaterThan(30 * 20 * 0.2);
      expect(last.duckdbPairs).toBeLessThanOrEqual(30 * 20);
      const dir = path.join(data, 'match-files-30x20-s1');
      expect(statSync(path.join(dir, 'result.json')).size).toBeGreaterThan(10_000);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
