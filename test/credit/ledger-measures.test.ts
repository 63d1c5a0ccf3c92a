import fc from 'fast-check';
import { formatAmount } from '../../credit/fifo-clearing';
import { measureAllLedgers } from '../../credit/ledger-measures';
import { DEFAULT_NET_DAYS, SCORE_WINDOW_DAYS, termsByCustomer, TREND_DAYS } from '../../credit/scoring-sql';
import { Money } from '../../money/decimal';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { BALANCES_SQL, INVOICES_SQL } from './support/reference-scoring-sql';

// The streamed FIFO must give exactly what the set-based SQL it replaced gives, on any ledger: ties on
// a date, prepayments, zero and four-decimal amounts, other currencies, terms changing over time,
// month-end and instalment terms, entries after the as-of day.
const AS_OF = '2026-11-30';
const TERMS = ['NET30', 'NET60', 'EOM60', 'EOM30', 'INST'];

interface Ledger {
  terms: Array<{ code: string; from: string }>;
  entries: Array<{ day: number; cents: number; scale4: boolean; usd: boolean }>;
}

const dateOf = (offset: number) =>
  new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

const ledgerArb: fc.Arbitrary<Ledger> = fc.record({
  terms: fc.array(
    fc.record({
      code: fc.constantFrom(...TERMS),
      from: fc.integer({ min: 0, max: 700 }).map(dateOf),
    }),
    { maxLength: 3 },
  ),
  entries: fc
    .tuple(
      // Invoices paid (in full or in part) 0–90 days later, as a ledger mostly is…
      fc.array(
        fc.record({
          day: fc.oneof(
            fc.integer({ min: 300, max: 700 }),
            fc.integer({ min: 10, max: 23 }).map((n) => n * 30),
            fc.constantFrom(424, 454, 485, 515, 546, 577, 607, 638, 668),
          ),
          cents: fc.integer({ min: 1, max: 500_000 }),
          lag: fc.constantFrom(0, 10, 30, 31, 60, 61, 89, 90),
          paid: fc.constantFrom(1, 1, 0.5, 0),
          scale4: fc.boolean(),
        }),
        { minLength: 5, maxLength: 25 },
      ),
      // …and loose entries: prepayments, credit notes, zero lines, other currencies, ties.
      fc.array(
        fc.record({
          day: fc.oneof(fc.integer({ min: 0, max: 730 }), fc.constantFrom(400, 500, 600, 650, 698, 699)),
          cents: fc.oneof(fc.integer({ min: -500_000, max: 500_000 }), fc.constant(0)),
          scale4: fc.boolean(),
          usd: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
        }),
        { maxLength: 15 },
      ),
    )
    .map(([paid, loose]) => [
      ...paid.flatMap((p) => [
        { day: p.day, cents: p.cents, scale4: p.scale4, usd: false },
        { day: p.day + p.lag, cents: -Math.round(p.cents * p.paid), scale4: p.scale4, usd: false },
      ]),
      ...loose,
    ]),
});

describe('the streamed FIFO ledger measures equal the set-based SQL they replaced', () => {
  let db: TestDatabase;
  let run = 0;
  afterAll(() => db?.drop());
  beforeAll(async () => {
    db = await createTestDatabase('credit_ledger_measures');
    await db.dataSource.query(
      `INSERT INTO payment_terms (code, name, kind, days, instalments) VALUES ('INST', 'instalments', 'INSTALMENTS', 0,
        '[{"percent":"33.33","days":30},{"percent":"33.33","days":60},{"percent":"33.34","days":10,"monthEnd":true}]')`,
    );
  });

  it('on random ledgers, per customer: invoiced, due, late, late × days and both balances', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ledgerArb, { minLength: 1, maxLength: 4 }), async (ledgers) => {
        run += 1;
        const q = (sql: string, params?: unknown[]) => db.dataSource.query(sql, params);
        await q('DELETE FROM ledger_entries');
        await q('DELETE FROM customer_payment_terms');
        const ids: string[] = [];
        for (const [i, ledger] of ledgers.entries()) {
          const [row] = (await q(
            `INSERT INTO customers (code, name, currency) VALUES (?, ?, 'CNY') RETURNING CAST(id AS CHAR) AS id`,
            [`R${run}-${i}`, `R${run}-${i}`],
          )) as Array<{ id: string }>;
          ids.push(row.id);
          for (const t of ledger.terms)
            await q(
              `INSERT INTO customer_payment_terms (customer_id, terms_id, effective_from, assigned_by)
               SELECT ?, id, ?, 'test' FROM payment_terms WHERE code = ? ON DUPLICATE KEY UPDATE terms_id = VALUES(terms_id)`,
              [row.id, t.from, t.code],
            );
          if (ledger.entries.length)
            await q(
              `INSERT INTO ledger_entries (customer_id, source, external_id, entry_date, kind, amount, currency)
               VALUES ${ledger.entries.map(() => "(?, 'prop', ?, ?, ?, ?, ?)").join(', ')}`,
              ledger.entries.flatMap((e, n) => [
                row.id,
                `${run}-${i}-${n}`,
                dateOf(e.day),
                e.cents > 0 ? 'INVOICE' : 'RECEIPT',
                e.scale4 ? (e.cents / 10_000).toFixed(4) : (e.cents / 100).toFixed(2),
                e.usd ? 'USD' : 'CNY',
              ]),
            );
        }
        const a = AS_OF;
        const reference = new Map<string, Record<string, string>>();
        for (const r of (await q(INVOICES_SQL, [a, a, a, a, a, a])) as Array<Record<string, string>>)
          reference.set(r.customer_id, { ...r });
        for (const r of (await q(BALANCES_SQL, [a, a])) as Array<Record<string, string>>)
          reference.set(r.customer_id, { ...reference.get(r.customer_id), ...r });

        const measured = await measureAllLedgers(db.dataSource, a, await termsByCustomer(db.dataSource), {
          windowDays: SCORE_WINDOW_DAYS,
          trendDays: TREND_DAYS,
          defaultNetDays: DEFAULT_NET_DAYS,
        });
        const same = (sql: string | undefined, mine: bigint | undefined) =>
          new Money(sql ?? '0').eq(new Money(formatAmount(mine ?? 0n)));
        for (const id of ids) {
          const r = reference.get(id) ?? {};
          const m = measured.get(id);
          const pairs: Array<[string, string | undefined, bigint | undefined]> = [
            ['invoiced', r.invoiced, m?.invoiced],
            ['due_amount', r.due_amount, m?.dueAmount],
            ['late_amount', r.late_amount, m?.lateAmount],
            ['late_amount_days', r.late_amount_days, m?.lateAmountDays],
            ['balance_now', r.balance_now, m?.balanceNow],
            ['balance_before', r.balance_before, m?.balanceBefore],
          ];
          for (const [field, sql, mine] of pairs)
            if (!same(sql, mine))
              throw new Error(`customer ${id} ${field}: SQL ${sql}, streamed ${formatAmount(mine ?? 0n)}`);
          expect(Number(r.invoices ?? 0)).toBe(m?.invoices ?? 0);
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
