import fc from 'fast-check';
import { ApplicationSource, TermsKind } from '../../contract/credit/enums';
import {
  applyReceivables,
  openBalance,
  type LedgerItem,
  type ManualApplication,
} from '../../credit/open-items';
import { dueSchedule } from '../../credit/terms';
import { dateOfDay, dayNumber } from '../../formats/date';

const NET30 = { kind: TermsKind.NET, days: 30, instalments: [] };
const HALVES = {
  kind: TermsKind.INSTALMENTS,
  days: 0,
  instalments: [
    { percent: '50', days: 30, monthEnd: false },
    { percent: '50', days: 60, monthEnd: true },
  ],
};
const net30 = (entry: LedgerItem) => dueSchedule(NET30, entry.date, entry.units);

let nextId = 1;
const item = (date: string, units: bigint, extra: Partial<LedgerItem> = {}): LedgerItem => ({
  id: String(nextId++),
  date,
  kind: units > 0n ? 'INVOICE' : 'RECEIPT',
  units,
  currency: 'CNY',
  docNo: null,
  reference: null,
  ...extra,
});

describe('open items: receipts and credit notes applied to invoices', () => {
  it('applies oldest due first, and a prepayment on the invoice date', () => {
    const a = item('2026-01-05', 1000n, { docNo: 'INV-1' });
    const b = item('2026-01-20', 500n, { docNo: 'INV-2' });
    const r = item('2026-02-10', -1200n);
    const p = item('2025-12-20', -100n);
    const { debits, credits } = applyReceivables([a, b, r, p], net30);
    expect(debits.map((d) => [d.docNo, d.openUnits, d.clearedOn])).toEqual([
      ['INV-1', 0n, '2026-02-10'],
      ['INV-2', 200n, null],
    ]);
    // The prepayment (oldest credit) went first, settling on the invoice's own date.
    expect(debits[0].applications).toEqual([
      { creditId: p.id, units: 100n, on: '2026-01-05', source: ApplicationSource.OLDEST_FIRST },
      { creditId: r.id, units: 900n, on: '2026-02-10', source: ApplicationSource.OLDEST_FIRST },
    ]);
    expect(credits.every((c) => c.unappliedUnits === 0n)).toBe(true);
  });

  it('a receipt naming an invoice (normalised as matching does) settles that invoice first', () => {
    const old = item('2026-01-01', 700n, { docNo: 'INV-0001' });
    const named = item('2026-02-01', 700n, { docNo: 'INV-0002' });
    const r = item('2026-02-15', -700n, { reference: '发票号：ＩＮＶ２' });
    const { debits } = applyReceivables([old, named, r], net30);
    expect(debits.find((d) => d.entryId === named.id)!.openUnits).toBe(0n);
    expect(debits.find((d) => d.entryId === old.id)!.openUnits).toBe(700n);
    expect(debits.find((d) => d.entryId === named.id)!.applications[0].source).toBe(
      ApplicationSource.REFERENCE,
    );
  });

  it("a clerk's hand application comes before references and oldest-first", () => {
    const a = item('2026-01-01', 400n);
    const b = item('2026-01-02', 400n);
    const r = item('2026-01-10', -400n, { reference: String(a.id) });
    const manual: ManualApplication[] = [{ id: '1', creditId: r.id, debitId: b.id, units: 250n }];
    const { debits } = applyReceivables([a, b, r], net30, manual);
    expect(debits.map((d) => d.openUnits)).toEqual([400n - 150n, 150n]);
    expect(debits[1].applications[0].source).toBe(ApplicationSource.MANUAL);
    expect(debits[1].applications[0].applicationId).toBe('1');
    expect(debits[0].applications.map((x) => x.applicationId)).toEqual([undefined]);
  });

  it('instalments are open items of their own, each with its due date', () => {
    const invoice = item('2026-01-15', 1000n);
    const receipt = item('2026-02-20', -600n);
    const { debits } = applyReceivables([invoice, receipt], (e) => dueSchedule(HALVES, e.date, e.units));
    expect(debits.map((d) => [d.part, d.dueDate, d.openUnits])).toEqual([
      [1, '2026-02-14', 0n],
      [2, '2026-04-01', 400n],
    ]);
  });

  it('never applies across currencies', () => {
    const usd = item('2026-01-01', 100n, { currency: 'USD' });
    const cny = item('2026-01-02', -100n);
    const items = applyReceivables([usd, cny], net30);
    expect(items.debits[0].openUnits).toBe(100n);
    expect(items.credits[0].unappliedUnits).toBe(-100n);
    expect(openBalance(items)).toEqual(
      new Map([
        ['USD', 100n],
        ['CNY', -100n],
      ]),
    );
  });
});

// ——— Properties ————————————————————————————————————————————————————————————————————————

const START = dayNumber('2025-01-01');
const entryArb = fc.record({
  day: fc.integer({ min: 0, max: 400 }),
  // Cents mostly, sometimes sub-cent units (DECIMAL(20,4)).
  units: fc.oneof(
    fc.bigInt({ min: -5_000_000n, max: 5_000_000n }).map((u) => u * 100n),
    fc.bigInt({ min: -99_999n, max: 99_999n }),
  ),
  currency: fc.constantFrom('CNY', 'CNY', 'CNY', 'USD'),
  doc: fc.integer({ min: 1, max: 30 }),
  refersTo: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  instalments: fc.boolean(),
});
const ledgerArb = fc.array(entryArb, { maxLength: 60 }).map((raw) =>
  raw.map((e, i): LedgerItem & { instalments: boolean } => ({
    id: String(i + 1),
    date: dateOfDay(START + e.day),
    kind: e.units > 0n ? 'INVOICE' : 'RECEIPT',
    units: e.units,
    currency: e.currency,
    docNo: e.units > 0n ? `INV-${String(e.doc).padStart(4, '0')}` : `RC-${i}`,
    reference: e.refersTo === undefined ? null : `inv ${e.refersTo}`,
    instalments: e.instalments,
  })),
);
const manualArb = (n: number) =>
  fc.array(
    fc.record({
      credit: fc.integer({ min: 1, max: Math.max(n, 1) }),
      debit: fc.integer({ min: 1, max: Math.max(n, 1) }),
      units: fc.bigInt({ min: -10n, max: 3_000_000n }),
    }),
    { maxLength: 10 },
  );
const scenario = ledgerArb.chain((entries) =>
  manualArb(entries.length).map((raw) => ({
    entries,
    manual: raw.map((m, i): ManualApplication => ({
      id: String(i + 1),
      creditId: String(m.credit),
      debitId: String(m.debit),
      units: m.units,
    })),
  })),
);
const scheduleOf = (entry: LedgerItem) =>
  dueSchedule(
    (entry as LedgerItem & { instalments: boolean }).instalments ? HALVES : NET30,
    entry.date,
    entry.units,
  );

describe('open-item application, for any ledger and any hand applications', () => {
  it("keeps a customer's open items equal to its balance, to the unit, per currency", () => {
    fc.assert(
      fc.property(scenario, ({ entries, manual }) => {
        const items = applyReceivables(entries, scheduleOf, manual);
        const balance = new Map<string, bigint>();
        for (const e of entries) balance.set(e.currency, (balance.get(e.currency) ?? 0n) + e.units);
        for (const [currency, total] of openBalance(items)) expect(total).toBe(balance.get(currency) ?? 0n);
        for (const [currency, total] of balance) expect(openBalance(items).get(currency) ?? 0n).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('never over-applies: open amounts stay within each invoice, unapplied within each credit', () => {
    fc.assert(
      fc.property(scenario, ({ entries, manual }) => {
        const { debits, credits } = applyReceivables(entries, scheduleOf, manual);
        for (const d of debits) {
          expect(d.openUnits >= 0n && d.openUnits <= d.units).toBe(true);
          expect(d.applications.every((a) => a.units > 0n)).toBe(true);
          expect(d.units - d.openUnits).toBe(d.applications.reduce((s, a) => s + a.units, 0n));
          expect(d.clearedOn === null).toBe(d.openUnits > 0n);
        }
        const applied = new Map<string, bigint>();
        for (const d of debits)
          for (const a of d.applications) applied.set(a.creditId, (applied.get(a.creditId) ?? 0n) + a.units);
        for (const c of credits) {
          expect(c.unappliedUnits <= 0n && c.unappliedUnits >= c.units).toBe(true);
          expect(c.unappliedUnits - c.units).toBe(applied.get(c.entryId) ?? 0n);
          const entry = entries.find((e) => e.id === c.entryId)!;
          for (const d of debits.filter((x) => x.applications.some((a) => a.creditId === c.entryId)))
            expect(d.currency).toBe(entry.currency);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no credit unapplied while an invoice of its currency is open (oldest first is exhaustive)', () => {
    fc.assert(
      fc.property(scenario, ({ entries, manual }) => {
        const { debits, credits } = applyReceivables(entries, scheduleOf, manual);
        for (const c of credits.filter((x) => x.unappliedUnits < 0n))
          expect(debits.filter((d) => d.currency === c.currency && d.openUnits > 0n)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and independent of the order entries arrive in', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ entries, manual }, seed) => {
        const shuffled = [...entries].sort(
          (a, b) => ((Number(a.id) * 7919 + seed) % 97) - ((Number(b.id) * 7919 + seed) % 97),
        );
        const one = applyReceivables(entries, scheduleOf, manual);
        const two = applyReceivables(shuffled, scheduleOf, manual);
        expect(two).toEqual(one);
      }),
      { numRuns: 200 },
    );
  });
});
