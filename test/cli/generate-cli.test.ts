import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { register } from '../../cli/commands/generate';

// Issue #19 point 13: `recon generate` marks its required options, never overwrites a folder
// silently, and generates the month asked for.
const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function generate(...args: string[]): Promise<string> {
  const program = new Command('recon').exitOverride().configureOutput({ writeErr: () => undefined });
  register(program);
  for (const command of program.commands) command.exitOverride();
  const out: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    out.push(parts.join(' '));
  });
  try {
    await program.parseAsync(['node', 'recon', 'generate', ...args]);
    return out.join('\n');
  } finally {
    log.mockRestore();
  }
}

it('requires --customers, --lines and --out, and says so', async () => {
  await expect(generate('--lines', '3', '--out', dir)).rejects.toThrow(/required option '--customers <n>'/);
  await expect(generate('--customers', '2', '--lines', '3')).rejects.toThrow(/required option '--out <dir>'/);
  await expect(generate('--customers', '0', '--lines', '3', '--out', dir)).rejects.toThrow(
    /--customers must be a positive integer/,
  );
});

it('generates the month asked for, and refuses to overwrite a folder without --force', async () => {
  const out = path.join(dir, 'feb');
  expect(await generate('--customers', '2', '--lines', '5', '--month', '2026-02', '--out', out)).toMatch(
    /^wrote \d+ ledger lines/,
  );
  const truth = JSON.parse(readFileSync(path.join(out, 'truth.json'), 'utf8')) as { month: string };
  expect(truth.month).toBe('2026-02');
  const dates = readFileSync(path.join(out, 'ledger.csv'), 'utf8')
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(',')[2]);
  expect(dates.length).toBeGreaterThan(0);
  for (const date of dates) expect(date >= '2026-02-01' && date <= '2026-02-28').toBe(true);

  const before = readFileSync(path.join(out, 'ledger.csv'), 'utf8');
  await expect(
    generate('--customers', '3', '--lines', '9', '--seed', '7', '--month', '2026-02', '--out', out),
  ).rejects.toThrow(
    /already holds ledger\.csv, statement\.csv, truth\.json: choose another folder or add --force/,
  );
  expect(readFileSync(path.join(out, 'ledger.csv'), 'utf8')).toBe(before);
  await generate(
    '--customers',
    '3',
    '--lines',
    '9',
    '--seed',
    '7',
    '--month',
    '2026-02',
    '--out',
    out,
    '--force',
  );
  expect(readFileSync(path.join(out, 'ledger.csv'), 'utf8')).not.toBe(before);
  await expect(
    generate('--customers', '1', '--lines', '1', '--month', '2026-13', '--out', dir),
  ).rejects.toThrow(/--month "2026-13" is not a month YYYY-MM/);
});
