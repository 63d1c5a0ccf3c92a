import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReconcileResult } from '../../matching';

// `recon match` on files written as people write them (issue #18 points 1, 2, 3, 4, 10).
const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-match-cases-'));
const HEADER = 'id,customer,date,doc_no,reference,description,kind,amount,currency';
let n = 0;
function files(ledger: string[], statement: string[], extra: string[] = []) {
  n += 1;
  const l = path.join(dir, `ledger-${n}.csv`);
  const s = path.join(dir, `statement-${n}.csv`);
  writeFileSync(l, [HEADER, ...ledger].join('\n'));
  writeFileSync(s, [HEADER, ...statement].join('\n'));
  return spawnSync(
    process.execPath,
    [RECON, 'match', '--ledger', l, '--statement', s, '--format', 'json', ...extra],
    {
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
}
/** Only reference rules: same amount and day in two currencies would pair on amount alone. */
function norules() {
  const file = path.join(dir, 'reference-rules.json');
  writeFileSync(file, JSON.stringify({ rules: ['EXACT_REFERENCE', 'NORMALIZED_REFERENCE'] }));
  return file;
}
type Doc = ReconcileResult & { customer: string; currency: string; period: { start: string; end: string } };

describe('recon match reads files as people write them', () => {
  it('takes the period from the opening and closing rows, not from the last line (#18.1)', () => {
    const run = files(
      [
        ',C1,2026-10-01,,,,opening,1000,CNY',
        'O1,C1,2026-10-05,INV-1,,,invoice,500,CNY',
        ',C1,2026-10-31,,,,closing,1500,CNY',
      ],
      [
        ',C1,2026-10-01,,,,期初余额,1000,CNY',
        'T1,C1,2026-10-05,,INV-1,,发票,500,CNY',
        'T2,C1,2026-10-20,,INV-2,,发票,"2,000.00",CNY',
        ',C1,2026-10-31,,,,期末余额,"3,500.00",CNY',
      ],
    );
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.period).toMatchObject({
      start: '2026-10-01',
      end: '2026-10-31',
      source: { start: 'balance rows', end: 'balance rows' },
    });
    // Before: the period ended on 10-20 (the last line), and T2 was TIMING "across the period end".
    expect(doc.differences.map((d) => [d.kind, d.theirIds])).toEqual([['MISSING_IN_OURS', ['T2']]]);
    expect(doc.bridge.tied).toBe(true);
  });

  it('reads balance rows in both languages and any case: OPENING is not a line (#18.2)', () => {
    const run = files(
      [',C1,,,,,OPENING,800,CNY', 'O1,C1,2026-10-05,INV-1,,,INVOICE,500,CNY'],
      [',C1,,,,,上期结余,800,CNY', 'T1,C1,2026-10-05,,INV-1,,销售发票,500,CNY', ',C1,,,,,本期结余,1300,CNY'],
    );
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.differences).toEqual([]);
    expect(doc.stats).toMatchObject({ ourLines: 1, theirLines: 1 });
    expect(doc.bridge).toMatchObject({ ourClosing: '1300', theirClosing: '1300', tied: true });
  });

  it('refuses an unknown kind naming file, row and field (#18.2)', () => {
    const run = files(
      ['O1,C1,2026-10-05,INV-1,,,INVOICE,500,CNY', 'O2,C1,2026-10-06,X-1,,,freebie,5,CNY'],
      [],
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ledger-\d+\.csv row 3, kind: unknown kind "freebie"; known: /);
  });

  it('reads amounts as the imports do: grouping, parentheses, ¥, full width (#18.4)', () => {
    const run = files(
      ['O1,C1,2026-10-05,INV-1,,,invoice,"12,345.67",CNY', 'O2,C1,2026-10-06,PAY-1,,,receipt,(345.67),CNY'],
      [
        'T1,C1,2026-10-05,,INV-1,,发票,"￥12,345.67",CNY',
        'T2,C1,2026-10-06,,PAY-1,,回款,－３４５．６７,人民币',
      ],
    );
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.groups).toHaveLength(2);
    expect(doc.bridge).toMatchObject({ ourClosing: '12000', theirClosing: '12000', tied: true });
  });

  it('refuses an unknown rules key and names the nearest one (#18.3)', () => {
    const rules = path.join(dir, 'rules.json');
    writeFileSync(rules, JSON.stringify({ amountTolerance: { '*': { absolute: '1', percent: '0' } } }));
    const run = files(['O1,C1,2026-10-05,INV-1,,,invoice,5,CNY'], [], ['--rules', rules]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/amountTolerance.*unknown.*did you mean "tolerances"/);
  });

  it('reconciles each currency of a customer on its own: one bridge each (#18.10)', () => {
    const run = files(
      ['O1,C1,2026-10-05,INV-1,,,invoice,100,CNY', 'O2,C1,2026-10-05,INV-2,,,invoice,100,USD'],
      ['T1,C1,2026-10-05,,INV-1,,invoice,100,CNY', 'T2,C1,2026-10-05,,INV-3,,invoice,100,USD'],
      ['--rules', norules(), '--period-end', '2026-10-31'],
    );
    expect(run.status).toBe(0);
    const { customers } = JSON.parse(run.stdout) as { customers: Doc[] };
    expect(
      customers.map((d) => [
        d.customer,
        d.currency,
        d.groups.length,
        d.differences.map((x) => x.kind).sort(),
      ]),
    ).toEqual([
      ['C1', 'CNY', 1, []],
      ['C1', 'USD', 0, ['MISSING_IN_OURS', 'MISSING_IN_THEIRS']],
    ]);
  });

  it('follows the exit-code convention: 2 for a wrong command line, 3 when a bridge does not tie', () => {
    expect(files([], [], ['--format', 'xml']).status).toBe(2);
    expect(files([], [], ['--period-end', '2026-02-30']).status).toBe(2);
    const untied = files(
      [',C1,,,,,opening,0,CNY', 'O1,C1,2026-10-05,INV-1,,,invoice,5,CNY'],
      [',C1,,,,,closing,7,CNY'],
    );
    expect(untied.status).toBe(3);
  });

  it('prints totals only with --summary, converted with a rate', () => {
    const run = files(
      ['O1,C1,2026-10-05,INV-1,,,invoice,100,CNY', 'O2,C2,2026-10-05,INV-2,,,invoice,10,USD'],
      ['T1,C1,2026-10-05,,INV-1,,invoice,100,CNY'],
      ['--summary', '--rate', 'USD=7.1', '--period-end', '2026-10-31'],
    );
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      customers: 2,
      results: 2,
      currencies: { USD: { differences: { MISSING_IN_THEIRS: { count: 1, amount: '-10' } } } },
      converted: { currency: 'CNY', ourClosing: '171', theirClosing: '100' },
    });
  });
});

describe('recon match on a month as a customer sends it (peer scenarios, #18)', () => {
  // Leading zeros and other spellings of one invoice, one payment per side naming two invoices
  // only in its description, a payment less a bank fee with no reference, a receipt at the period
  // end, and a second currency: every line placed once, each currency its own bridge.
  const ledger = [
    ',C9,2026-10-01,,,,期初余额,"1,000.00",CNY',
    'O1,C9,2026-10-03,INV-000123,,,发票,"5,000.00",CNY',
    'O2,C9,2026-10-05,INV-000124,,,发票,"3,000.00",CNY',
    'O3,C9,2026-10-12,RC-1,,"货款 发票号 123, 124",收款,"(8,000.00)",CNY',
    'O4,C9,2026-10-15,,,,收款,-1000,CNY',
    'O5,C9,2026-10-20,INV-125,,,invoice,1200,USD',
    'O6,C9,2026-10-30,RC-2,,,receipt,-500,CNY',
    ',C9,2026-10-31,,,,期末余额,"-1,500.00",CNY',
  ];
  const statement = [
    ',C9,2026-10-01,,,,opening,1000,CNY',
    'T1,C9,2026-10-04,,inv 123,,invoice,5000,CNY',
    'T2,C9,2026-10-06,,Inv#124,,invoice,3000.00,CNY',
    'T3,C9,2026-10-13,,,payment INV 123 / INV 124,payment,-8000,CNY',
    'T4,C9,2026-10-15,,,,payment,-985,CNY',
    'T5,C9,2026-10-21,,INV 125,,invoice,1200,USD',
    ',C9,2026-10-31,,,,closing,-985,CNY',
  ];

  it('matches by document, not by amount, and leaves the fee pair to a clerk', () => {
    const run = files(ledger, statement);
    expect(run.status).toBe(0);
    const { customers } = JSON.parse(run.stdout) as { customers: Doc[] };
    const [cny, usd] = customers;
    expect(cny.groups.map((g) => [g.rule, g.ourIds, g.theirIds]).sort()).toEqual([
      ['NORMALIZED_REFERENCE', ['O1'], ['T1']],
      ['NORMALIZED_REFERENCE', ['O2'], ['T2']],
      ['TEXT_REFERENCE', ['O3'], ['T3']],
    ]);
    expect(cny.suggestions.map((s) => [s.rule, s.ourIds, s.theirIds, s.residual])).toEqual([
      ['AMOUNT_DATE_WINDOW', ['O4'], ['T4'], '15'],
    ]);
    expect(cny.differences.map((d) => [d.kind, d.ourIds, d.theirIds, d.amount]).sort()).toEqual([
      ['MISSING_IN_OURS', [], ['T4'], '-985'],
      ['MISSING_IN_THEIRS', ['O4'], [], '1000'],
      ['TIMING', ['O6'], [], '500'],
    ]);
    expect(cny.bridge).toMatchObject({ ourClosing: '-1500', theirClosing: '-985', tied: true });
    expect(usd.groups.map((g) => [g.ourIds, g.theirIds])).toEqual([[['O5'], ['T5']]]);
    expect(usd.bridge.tied).toBe(true);
  });

  it('prints the explanations with amounts as the rest of the table does', () => {
    const run = files(ledger, statement, ['--format', 'table']);
    expect(run.stdout).toContain('O4 -1,000.00 is in our books, not on their statement');
    expect(run.stdout).toContain(
      'amounts -1,000.00 and -985.00 differ by 15.00, within tolerance, same day, no document number in common',
    );
    expect(run.stdout).toContain('name the same documents (123, 124), amounts add up to -8,000.00');
  });
});
