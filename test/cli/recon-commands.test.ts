import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `recon` loads only the command it runs (the others pull in the database and PDF libraries); help
// and a misspelt command still see every command.
const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const recon = (...args: string[]) =>
  spawnSync(process.execPath, [RECON, ...args], { encoding: 'utf8', timeout: 60_000 });
const EVERY = [
  'match',
  'generate',
  'import',
  'report',
  'export',
  'periods',
  'audit',
  'backup',
  'restore',
  'user',
];

describe('recon commands', () => {
  it('lists every command in the help', () => {
    const help = recon('--help');
    expect(help.status).toBe(0);
    for (const name of EVERY) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('under npm run, every command reads and writes relative paths in the user’s folder (INIT_CWD)', () => {
    // npm runs `recon` from the package folder; the clerk typed the paths in their own (#19 point 7).
    const clerk = mkdtempSync(path.join(os.tmpdir(), 'recon-clerk-'));
    try {
      const env = { ...process.env, npm_lifecycle_event: 'recon', INIT_CWD: clerk };
      const cwd = path.resolve(__dirname, '../..');
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [RECON, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
      const generated = run('generate', '--customers', '1', '--lines', '5', '--out', 'gen-nov');
      expect(generated.status).toBe(0);
      expect(existsSync(path.join(clerk, 'gen-nov', 'ledger.csv'))).toBe(true);
      expect(existsSync(path.join(cwd, 'gen-nov'))).toBe(false);
      const matched = run(
        'match',
        '--ledger',
        'gen-nov/ledger.csv',
        '--statement',
        'gen-nov/statement.csv',
        '--summary',
      );
      expect(matched.stderr).toBe('');
      expect(matched.stdout).toContain('TOTAL 1 customer, 1 result: 1 bridge ties');
      const missing = run('match', '--ledger', 'gen-nov/ledger.csv', '--statement', 'nope.csv');
      expect([missing.status, missing.stderr.trim()]).toEqual([
        2,
        `cannot read ${path.join(clerk, 'nope.csv')}: no such file (relative paths are from the folder you are in)`,
      ]);
    } finally {
      rmSync(clerk, { recursive: true, force: true });
    }
  });

  it('refuses a misspelt command with usage exit 2, naming the nearest', () => {
    const run = recon('mtach');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown command 'mtach'");
    expect(run.stderr).toContain('match');
  });

  it('runs one command without loading the database layer', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `process.argv = [process.argv[0], ${JSON.stringify(RECON)}, 'match', '--help'];
         process.on('exit', () => { process.stderr.write('typeorm loaded: ' + Object.keys(require.cache).some((f) => f.includes('/node_modules/typeorm/'))); });
         require(${JSON.stringify(RECON)});`,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--ledger <file>');
    expect(run.stderr).toContain('typeorm loaded: false');
  });
});
