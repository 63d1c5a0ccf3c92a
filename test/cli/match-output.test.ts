import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Issue #19 point 14: `recon match` output a person reads — customers in natural order, amounts
// grouped to the currency's decimals, a total line across customers — and its inputs checked.
const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const recon = (...args: string[]) =>
  spawnSync(process.execPath, [RECON, 'match', ...args], { encoding: 'utf8', timeout: 60_000 });
const HEADER = 'id,customer,date,doc_no,reference,description,kind,amount,currency';
const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-match-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, rows: string[]) => {
  const target = path.join(dir, name);
  writeFileSync(target, [HEADER, ...rows].join('\n') + '\n');
  return target;
};
const ledger = file('ledger.csv', [
  'O1,C10,2026-10-05,INV-10,,,INVOICE,1000.00,CNY',
  'O2,C2,2026-10-06,INV-2,,,INVOICE,123456,JPY',
  'O3,C1,2026-10-07,INV-1,,,INVOICE,1234567.5,CNY',
  'O4,C1,2026-10-09,INV-4,,,INVOICE,250.00,CNY',
]);
const statement = file('statement.csv', [
  'T1,C10,2026-10-05,INV-10,,,INVOICE,1000.00,CNY',
  'T2,C2,2026-10-06,INV-2,,,INVOICE,123456,JPY',
  'T3,C1,2026-10-07,INV-1,,,INVOICE,1234567.5,CNY',
]);

it('lists customers in natural order, amounts grouped to their decimals, then a total line', () => {
  const run = recon(
    '--ledger',
    ledger,
    '--statement',
    statement,
    '--period-start',
    '2026-10-01',
    '--period-end',
    '2026-10-31',
  );
  expect(run.stderr).toBe('');
  const out = run.stdout;
  const order = ['■ C1 ', '■ C2 ', '■ C10 '].map((heading) => out.indexOf(heading));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
  expect(out).toMatch(/our closing balance\s+1,234,817\.50/);
  expect(out).toMatch(/our closing balance\s+123,456\n/); // JPY has no decimals
  expect(out).toMatch(/MISSING_IN_THEIRS\s+-250\.00/);
  expect(out).toMatch(/^TOTAL 3 customers, 3 results: 3 bridges tie, 0 do not;/m);
  expect(out).toMatch(
    /^ {2}CNY: our closing 1,235,817\.50, their closing 1,235,567\.50, unexplained 0\.00$/m,
  );
  expect(out).toMatch(/^ {2}JPY: our closing 123,456, their closing 123,456, unexplained 0$/m);
});

it('refuses malformed and reversed period dates on the command line (exit 2)', () => {
  const reversed = recon(
    '--ledger',
    ledger,
    '--statement',
    statement,
    '--period-start',
    '2026-10-31',
    '--period-end',
    '2026-10-01',
  );
  expect(reversed.status).toBe(2);
  expect(reversed.stderr).toContain('the period starts (2026-10-31) after it ends (2026-10-01)');
  const malformed = recon('--ledger', ledger, '--statement', statement, '--period-start', '2026/10/01');
  expect(malformed.status).toBe(2);
  expect(malformed.stderr).toContain('--period-start "2026/10/01" is not a calendar date YYYY-MM-DD');
});

it('says when a row has the wrong number of fields (exit 1)', () => {
  const short = file('short.csv', [
    'O1,C1,2026-10-05,INV-1,,,INVOICE,100.00,CNY',
    'O2,C1,2026-10-06,INV-2,INVOICE,50.00,CNY',
  ]);
  const run = recon('--ledger', short, '--statement', statement);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/short\.csv row 3.*7 fields where the header has 9/);
});

it('counts in good grammar: "1 group", "1 difference", "1 customer", "1 bridge ties"', () => {
  const all = recon(
    '--ledger',
    ledger,
    '--statement',
    statement,
    '--period-start',
    '2026-10-01',
    '--period-end',
    '2026-10-31',
  );
  expect(all.stdout).toMatch(/^■ C2 \(JPY\): 1 group, 0 suggestions, 0 differences$/m);
  expect(all.stdout).toMatch(/^■ C1 \(CNY\): 1 group, 0 suggestions, 1 difference$/m);
  expect(all.stdout).toMatch(
    /^TOTAL 3 customers, 3 results: 3 bridges tie, 0 do not; 4 \+ 3 lines, 3 groups, 0 suggestions, 1 difference$/m,
  );
  const one = recon(
    '--ledger',
    file('one-ledger.csv', ['O1,C1,2026-10-05,INV-1,,,INVOICE,100.00,CNY']),
    '--statement',
    file('one-statement.csv', ['T1,C1,2026-10-05,INV-1,,,INVOICE,100.00,CNY']),
  );
  expect(one.stdout).toMatch(
    /^TOTAL 1 customer, 1 result: 1 bridge ties, 0 do not; 1 \+ 1 lines, 1 group, 0 suggestions, 0 differences$/m,
  );
  expect(one.stdout).not.toMatch(/\b1 (groups|differences|suggestions|customers|results|bridges)\b/);
});
