import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `recon match --threads N`: each thread reads the files, the first checks every row. Whatever the
// number of threads, a bad row is reported as on one thread: the file's first bad row.
const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const HEADER = 'id,customer,date,doc_no,reference,description,kind,amount,currency';
const recon = (...args: string[]) =>
  spawnSync(process.execPath, [RECON, 'match', '--no-progress', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'recon-threads-'));
  const rows = (side: string) =>
    Array.from(
      { length: 40 },
      (_, i) =>
        `${side}${i},C${String(i % 8).padStart(3, '0')},2026-10-${String((i % 28) + 1).padStart(2, '0')},INV-${1000 + i},,,INVOICE,${100 + i},CNY`,
    );
  writeFileSync(path.join(dir, 'ledger.csv'), [HEADER, ...rows('O')].join('\n') + '\n');
  writeFileSync(path.join(dir, 'statement.csv'), [HEADER, ...rows('T')].join('\n') + '\n');
  // Bad rows in several customers (so in every thread's share): the first is row 6.
  const bad = [HEADER, ...rows('T')];
  bad[5] = bad[5].replace(/,1\d\d,CNY$/, ',12x,CNY');
  bad[20] = bad[20].replace(/,1\d\d,CNY$/, ',abc,CNY');
  bad[33] = bad[33].replace('2026-10-', '2026-13-');
  writeFileSync(path.join(dir, 'bad.csv'), bad.join('\n') + '\n');
  writeFileSync(
    path.join(dir, 'late.csv'),
    [HEADER, ...rows('T'), 'T99,C003,2026-10-02,INV-1,,,INVOICE,oops,CNY'].join('\n') + '\n',
  );
});

it.each(['2', '3', '5'])('reports the first bad row on %s threads exactly as on one', (threads) => {
  for (const statement of ['bad.csv', 'late.csv']) {
    const args = ['--ledger', path.join(dir, 'ledger.csv'), '--statement', path.join(dir, statement)];
    const one = recon(...args, '--threads', '1');
    const many = recon(...args, '--threads', threads);
    expect(one.status).toBe(1);
    expect(one.stderr).toMatch(new RegExp(`${statement}.*row ${statement === 'bad.csv' ? 6 : 42}`));
    expect([many.status, many.stdout, many.stderr]).toEqual([one.status, one.stdout, one.stderr]);
  }
});

it('matches the same on any number of threads, and refuses a bad count', () => {
  const args = [
    '--ledger',
    path.join(dir, 'ledger.csv'),
    '--statement',
    path.join(dir, 'statement.csv'),
    '--format',
    'ndjson',
  ];
  const one = recon(...args, '--threads', '1');
  expect(one.status).toBe(0);
  expect(one.stdout.trim().split('\n')).toHaveLength(8);
  for (const threads of ['2', '4', 'auto'])
    expect(recon(...args, '--threads', threads).stdout).toBe(one.stdout);
  const refused = recon(...args, '--threads', '0');
  expect([refused.status, refused.stderr.trim()]).toEqual([
    2,
    '--threads is auto or a whole number from 1 to 64, not "0"',
  ]);
});
