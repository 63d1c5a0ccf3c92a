import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImportBench } from '../../bench/import';

describe('import benchmark', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-import-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a small generated file and reports one JSON object', async () => {
    const messages: string[] = [];
    const result = await runImportBench({ lines: 2_000, dataDir: dir, log: (m) => messages.push(m) });
    const line = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    expect(line).toMatchObject({ bench: 'import', lines: 2_000, method: 'LOAD_DATA' });
    expect(typeof line.seconds).toBe('number');
    expect(line.seconds as number).toBeGreaterThan(0);
    expect(line.rowsPerSecond).toBe(Math.round(2_000 / (line.seconds as number)));
    expect(messages.some((m) => m.startsWith('generating'))).toBe(true);
    // Generated once, reused by the next run.
    const again = await runImportBench({ lines: 2_000, dataDir: dir, log: (m) => messages.push(m) });
    expect(again.total).toBe(result.total);
    expect(messages.filter((m) => m.startsWith('generating'))).toHaveLength(1);
  });
});
