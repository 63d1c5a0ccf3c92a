import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

// The benchmark's workers load compiled JS (dist/bench/match-worker.js): run the built entry point.
const BENCH = path.resolve(__dirname, '../../dist/bench/match.js');

describe('npm run bench -- match (tiny size, so it never rots)', () => {
  it('matches generated customers on two threads and scores them against the truth', () => {
    expect(existsSync(BENCH)).toBe(true); // scripts/test.sh builds before jest runs
    const run = spawnSync(
      process.execPath,
      [BENCH, '--customers', '40', '--lines', '30', '--one-to-many', '200', '--threads', '2'],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(0);
    const last = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number | string>;
    expect(last).toMatchObject({
      bench: 'match',
      customers: 40,
      threads: 2,
      tiedBridges: 40,
      oneToManyTargets: 200,
    });
    expect(last.lines).toBeGreaterThan(2 * 40 * 30 * 0.9);
    expect(last.precision).toBeGreaterThanOrEqual(0.99);
    expect(last.recall).toBeGreaterThanOrEqual(0.99);
    expect(last.classificationAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.seconds).toBeGreaterThan(0);
    expect(last.cpuSeconds).toBeGreaterThanOrEqual(0);
    // The whole process's CPU over the same span holds the matching threads' (tick-rounded).
    expect(last.processCpuSeconds).toBeGreaterThanOrEqual((last.cpuSeconds as number) - 0.05);
    expect(last.matchPeakRssMb).toBeGreaterThan(0);
    expect(last.generationPeakRssMb).toBeGreaterThan(0);
  });

  it('generates the same customers whatever the number of threads (each seeded by its number)', () => {
    const figures = (threads: number) => {
      const run = spawnSync(
        process.execPath,
        [BENCH, '--customers', '30', '--lines', '20', '--one-to-many', '0', '--threads', String(threads)],
        { encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.status).toBe(0);
      const { lines, precision, recall, classificationAccuracy } = JSON.parse(
        run.stdout.trim().split('\n').pop()!,
      ) as Record<string, number>;
      return { lines, precision, recall, classificationAccuracy };
    };
    expect(figures(3)).toEqual(figures(1));
  });
});
