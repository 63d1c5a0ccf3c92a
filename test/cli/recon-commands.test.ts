import { spawnSync } from 'node:child_process';
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
