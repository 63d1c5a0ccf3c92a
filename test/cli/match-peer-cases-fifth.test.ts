import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReconcileResult } from '../../matching';
import { parseDate } from '../../formats/date';

// `recon match` on files as peers' systems export them (#18 acceptance, fifth round).
const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-peer-fifth-'));
const HEADER = 'id,customer,date,doc_no,reference,description,kind,amount,currency';
let n = 0;
function match(ledger: string[], statement: string[]) {
  n += 1;
  const l = path.join(dir, `ledger-${n}.csv`);
  const s = path.join(dir, `statement-${n}.csv`);
  writeFileSync(l, [HEADER, ...ledger].join('\n'));
  writeFileSync(s, [HEADER, ...statement].join('\n'));
  return spawnSync(process.execPath, [RECON, 'match', '--ledger', l, '--statement', s, '--format', 'json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}
type Doc = ReconcileResult & { customer: string; period: { start: string; end: string } };

describe('dates with the month in letters (Oracle ARCS / EBS exports: DD-MON-YYYY and DD-MON-RR)', () => {
  it('reads 05-Oct-2026, 05-OCT-26, 5 Oct 2026, "Oct 5, 2026" and 5 October 2026 as 2026-10-05', () => {
    for (const text of [
      '05-Oct-2026',
      '05-OCT-26',
      '5 Oct 2026',
      'Oct 5, 2026',
      '5 October 2026',
      'Sept 5 2026',
    ])
      expect([text, parseDate(text)]).toEqual([
        text,
        { ok: true, value: text.startsWith('Sept') ? '2026-09-05' : '2026-10-05' },
      ]);
    // Not a month, not a day of it: still refused.
    expect(parseDate('05-Okt-2026').ok).toBe(false);
    expect(parseDate('31-Sep-2026').ok).toBe(false);
  });

  it('recon match takes a statement exported by Oracle with such dates', () => {
    const run = match(
      [
        ',C1,01-Oct-2026,,,,opening,0,CNY',
        'O1,C1,05-Oct-2026,INV-1,,,invoice,100,CNY',
        ',C1,31-Oct-2026,,,,closing,100,CNY',
      ],
      ['T1,C1,06-OCT-26,INV-1,,,invoice,100,CNY', 'T2,C1,"Oct 7, 2026",INV-2,,,invoice,50,CNY'],
    );
    // Before: refused, 'l.csv row 3, date: not a date: "05-Oct-2026"'.
    expect(run.stderr).toBe('');
    const [doc] = run.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Doc);
    expect(doc.period).toMatchObject({ start: '2026-10-01', end: '2026-10-31' });
    expect(doc.groups.map((g) => [g.ourIds, g.theirIds])).toEqual([[['O1'], ['T1']]]);
    expect(doc.differences.map((d) => [d.kind, d.theirIds, d.amount])).toEqual([
      ['MISSING_IN_OURS', ['T2'], '50'],
    ]);
  });
});
