import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReconcileResult } from '../../matching';

// `recon match` on files whose dates are written with the year last (05/11/2026): the file's other
// dates decide day-first or month-first, the output says which, and a file that cannot tell is refused.
const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-match-dates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'id,customer,date,doc_no,reference,description,kind,amount,currency';
let n = 0;
function match(ledger: string[], statement: string[], extra: string[] = []) {
  n += 1;
  const l = path.join(dir, `ledger-${n}.csv`);
  const s = path.join(dir, `statement-${n}.csv`);
  writeFileSync(l, [HEADER, ...ledger].join('\n'));
  writeFileSync(s, [HEADER, ...statement].join('\n'));
  return spawnSync(process.execPath, [RECON, 'match', '--ledger', l, '--statement', s, ...extra], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}
type Doc = ReconcileResult & {
  period: { start: string; end: string; dates?: Array<{ file: string; order: string; row: number }> };
};

describe('recon match: dates written day-first or month-first', () => {
  it('reads 05/11/2026 day-first when another date of the file has a day above 12, and says so', () => {
    const ledger = ['O1,C1,05/11/2026,INV-1,,,invoice,100,CNY', 'O2,C1,16/11/2026,INV-2,,,invoice,200,CNY'];
    const statement = [
      'T1,C1,2026-11-05,,INV-1,,invoice,100,CNY',
      'T2,C1,2026-11-16,,INV-2,,invoice,200,CNY',
    ];
    for (const threads of ['1', '2']) {
      const run = match(ledger, statement, ['--format', 'json', '--threads', threads]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const doc = JSON.parse(run.stdout) as Doc;
      // Before: refused at row 2 ("set the template's dateFormat", which recon match has not).
      expect(doc.period).toMatchObject({ start: '2026-11-05', end: '2026-11-16' });
      expect(doc.period.dates).toEqual([
        { file: `ledger-${n}.csv`, order: 'DMY', row: 3, text: '16/11/2026' },
      ]);
      expect(doc.groups.map((g) => [g.ourIds, g.theirIds])).toEqual([
        [['O1'], ['T1']],
        [['O2'], ['T2']],
      ]);
    }
    const table = match(ledger, statement, ['--threads', '1']);
    expect(table.stdout.split('\n')[1]).toBe(
      `ledger-${n}.csv: dates read day-first (DD/MM/YYYY), as row 3's "16/11/2026" shows`,
    );
  });

  it('reads them month-first when a month-first date shows it (11/16/2026)', () => {
    const run = match(
      ['O1,C1,11/05/2026,INV-1,,,invoice,100,CNY', 'O2,C1,11/16/2026,INV-2,,,invoice,200,CNY'],
      ['T1,C1,2026-11-05,,INV-1,,invoice,100,CNY', 'T2,C1,2026-11-16,,INV-2,,invoice,200,CNY'],
      ['--format', 'json', '--threads', '1'],
    );
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.period).toMatchObject({ start: '2026-11-05', end: '2026-11-16' });
    expect(doc.period.dates).toEqual([{ file: `ledger-${n}.csv`, order: 'MDY', row: 3, text: '11/16/2026' }]);
    expect(doc.differences).toEqual([]);
  });

  it('refuses a file whose dates all read either way, naming row and field, on any number of threads', () => {
    const ledger = ['O1,C1,2026-11-20,INV-9,,,invoice,1,CNY', 'O2,C1,05/11/2026,INV-1,,,invoice,100,CNY'];
    for (const threads of ['1', '2']) {
      const run = match(ledger, [], ['--threads', threads]);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        `ledger-${n}.csv row 3, date: "05/11/2026" could be day-first or month-first, and no date in the file has a day above 12 to tell which: write the dates as YYYY-MM-DD`,
      );
    }
  });

  it('refuses a file that shows both orders, naming the row that contradicts the first', () => {
    const run = match(
      [
        'O1,C1,16/11/2026,INV-1,,,invoice,100,CNY',
        'O2,C1,05/11/2026,INV-2,,,invoice,100,CNY',
        'O3,C1,11/17/2026,INV-3,,,invoice,100,CNY',
      ],
      [],
      ['--threads', '1'],
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `ledger-${n}.csv row 4, date: "11/17/2026" reads only month-first, but row 2's "16/11/2026" only day-first, so dates such as "05/11/2026" cannot be read`,
    );
  });

  it('an earlier bad row is still the one reported', () => {
    const run = match(
      ['O1,C1,05/11/2026,INV-1,,,invoice,1OO,CNY', 'O2,C1,06/11/2026,INV-2,,,invoice,100,CNY'],
      [],
      ['--threads', '1'],
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ledger-\d+\.csv row 2, amount: /);
  });
});
