import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// `recon match --threads N`: each thread checks the rows of its own customers, the main thread the
// record widths, the customers and the duplicate ids as it deals the rows out. Whatever the number of threads, a bad row is reported as on one thread: the file's
// first bad row, and of two problems on one row the one a single thread meets first.
const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const HEADER = 'id,customer,date,doc_no,reference,description,kind,amount,currency';
const recon = (...args: string[]) =>
  spawnSync(process.execPath, [RECON, 'match', '--no-progress', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 256 << 20,
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
  // One id in two customers (whichever threads they fall to); then a row whose id repeats and whose
  // date is missing: one thread checks the id before the date.
  for (const [name, row] of [
    ['dupid.csv', 'O3,C005,2026-10-09,INV-7,,,INVOICE,5,CNY'],
    ['dupid-nodate.csv', 'O3,C006,,INV-7,,,INVOICE,5,CNY'],
    ['nodate.csv', 'O99,C006,,INV-7,,,INVOICE,5,CNY'],
    // The id repeats on a row another check refuses first (its customer's thread finds that).
    ['dupid-amount.csv', 'O3,C006,2026-10-09,INV-7,,,INVOICE,x5,CNY'],
    ['dupid-kind.csv', 'O3,C006,2026-10-09,INV-7,,,WHATEVER,5,CNY'],
    // A balance row's id is not a line's: not a duplicate.
    ['dupid-balance.csv', 'O3,C006,2026-10-31,,,,closing_balance,5,CNY'],
  ])
    writeFileSync(
      path.join(dir, name),
      [HEADER, ...rows('O').slice(0, 30), row, ...rows('O').slice(30)].join('\n') + '\n',
    );
  // The same records with one cell quoted: read by the shared reader, not the byte cursor.
  writeFileSync(
    path.join(dir, 'quoted.csv'),
    [HEADER, ...rows('T')].join('\n').replace(',101,CNY\n', ',101,"CNY"\n') + '\n',
  );
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

it.each(['2', '3', '5'])('reports a duplicate id across customers on %s threads as on one', (threads) => {
  const expected = {
    'dupid.csv': 'DUP',
    'dupid-nodate.csv': 'DUP',
    'nodate.csv': 'date: is required',
    'dupid-amount.csv': 'amount: not a decimal amount',
    'dupid-kind.csv': 'kind: unknown kind "WHATEVER"',
  };
  for (const [ledger, says] of Object.entries(expected)) {
    const args = ['--ledger', path.join(dir, ledger), '--statement', path.join(dir, 'statement.csv')];
    const one = recon(...args, '--threads', '1');
    expect(one.stderr).toContain(`${ledger} row 32, ${says === 'DUP' ? 'id: O3 appears twice' : says}`);
    expect([recon(...args, '--threads', threads).stderr, one.status]).toEqual([one.stderr, 1]);
  }
  const args = [
    '--ledger',
    path.join(dir, 'dupid-balance.csv'),
    '--statement',
    path.join(dir, 'statement.csv'),
  ];
  const one = recon(...args, '--threads', '1', '--format', 'json');
  expect(one.stderr).not.toContain('appears twice');
  expect(JSON.parse(one.stdout).customers).toHaveLength(8);
  const many = recon(...args, '--threads', threads, '--format', 'json');
  expect([many.status, many.stdout, many.stderr]).toEqual([one.status, one.stdout, one.stderr]);
});

it.each(['2', '3'])(
  'reports a bad record, customer or header the main thread finds on %s threads as on one',
  (threads) => {
    const rows = [
      HEADER,
      ...Array.from({ length: 40 }, (_, i) => `O${i},C${i % 8},2026-10-02,INV-${i},,,INVOICE,${i + 1},CNY`),
    ];
    const with_ = (changes: Record<number, string>) =>
      rows.map((row, i) => changes[i] ?? row).join('\n') + '\n';
    const files = {
      // The main thread stops at row 31 (a cell too many); a thread's bad amount at row 11 comes first.
      'width-late.csv': with_({ 10: 'O9,C1,2026-10-02,INV-9,,,INVOICE,x9,CNY', 30: `${rows[30]},extra` }),
      'width-first.csv': with_({ 10: `${rows[10]},extra`, 30: 'O29,C5,2026-10-02,INV-29,,,INVOICE,x9,CNY' }),
      'customer.csv': with_({ 12: 'O11,,2026-10-02,INV-11,,,INVOICE,5,CNY' }),
      // A duplicate id before the main thread's bad row: the thread that checks the id reports it.
      'dup-then-width.csv': with_({ 8: rows[3].replace('C3', 'C6'), 20: `${rows[20]},extra` }),
      'header.csv': with_({ 0: HEADER.replace(',kind', '') }),
    };
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), text);
      for (const [ledger, statement] of [
        [name, 'statement.csv'],
        ['ledger.csv', name],
      ]) {
        const args = ['--ledger', path.join(dir, ledger), '--statement', path.join(dir, statement)];
        const one = recon(...args, '--threads', '1');
        expect(one.status).toBe(1);
        expect(one.stderr).toContain(name);
        expect([recon(...args, '--threads', threads).stderr, one.status]).toEqual([one.stderr, 1]);
      }
    }
  },
);

it('reads a plain file as bytes exactly as the shared reader reads it', () => {
  const args = (statement: string) => [
    '--ledger',
    path.join(dir, 'ledger.csv'),
    '--statement',
    path.join(dir, statement),
    '--format',
    'json',
  ];
  const plain = recon(...args('statement.csv'), '--threads', '1');
  expect(plain.status).toBe(0);
  for (const threads of ['1', '2'])
    expect(recon(...args('quoted.csv'), '--threads', threads).stdout).toBe(plain.stdout);
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

describe('a file dealt to the threads in several deals (more than 65,536 rows)', () => {
  // 70,000 lines: the main thread deals them in two deals, and the threads read the first while it
  // deals the second.
  const many = (side: string) =>
    Array.from(
      { length: 70_000 },
      (_, i) =>
        `${side}${i},C${String(i % 50).padStart(3, '0')},2026-10-${String((i % 28) + 1).padStart(2, '0')},INV-${i},,,INVOICE,${100 + (i % 900)},CNY`,
    );
  let big: string;
  beforeAll(() => {
    big = mkdtempSync(path.join(os.tmpdir(), 'recon-deals-'));
    writeFileSync(path.join(big, 'ledger.csv'), [HEADER, ...many('O')].join('\n') + '\n');
    writeFileSync(path.join(big, 'statement.csv'), [HEADER, ...many('T')].join('\n') + '\n');
    const late = [HEADER, ...many('T')];
    late[69_990] = late[69_990].replace(/,\d+,CNY$/, ',9x,CNY'); // row 69,991: a bad amount
    late[69_000] = late[69_000].replace(/^T\d+,/, 'T5,'); // row 69,001: an id of the first deal again
    writeFileSync(path.join(big, 'late.csv'), late.join('\n') + '\n');
    // Dates that read either way, in the second deal only: the file's other dates decide (day
    // first), and each thread reads the file again from its first deal.
    const dated = [HEADER, ...many('T')];
    dated[69_500] = dated[69_500].replace(/2026-10-\d\d/, '25/10/2026');
    dated[69_501] = dated[69_501].replace(/2026-10-\d\d/, '05/10/2026');
    writeFileSync(path.join(big, 'dated.csv'), dated.join('\n') + '\n');
  });

  it.each([
    ['statement.csv', 0],
    ['dated.csv', 0],
    ['late.csv', 1],
  ])('reads %s on 2 threads as on one', (statement, status) => {
    const args = ['--ledger', path.join(big, 'ledger.csv'), '--statement', path.join(big, statement)];
    const one = recon(...args, '--threads', '1', '--format', 'ndjson');
    expect(one.status).toBe(status);
    if (status === 0)
      expect(one.stdout.trim().split('\n')).toHaveLength(50); // a line a customer
    else expect(one.stderr).toContain('late.csv row 69001, id: T5 appears twice');
    const two = recon(...args, '--threads', '2', '--format', 'ndjson');
    expect([two.status, two.stderr]).toEqual([one.status, one.stderr]);
    expect(two.stdout === one.stdout).toBe(true); // megabytes: not printed when they differ
  });
});
