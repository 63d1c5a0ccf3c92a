import { RiskClass } from '../../contract/credit/enums';
import { ScoreComponentKind } from '../../contract/credit/score';
import { riskClassOf } from '../../credit/risk-class';
import { scoreAllCustomers } from '../../credit/scoring.service';
import { assignPaymentTerms } from '../../credit/terms.service';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('nightly credit scoring (set-based SQL over the real database)', () => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};
  afterAll(() => db?.drop());

  beforeAll(async () => {
    db = await createTestDatabase('credit_scoring');
    for (const code of ['S1', 'S2', 'S3'])
      ids[code] = (
        await db.dataSource.getRepository(Customer).save({ code, name: code, currency: 'CNY' })
      ).id;
    await assignPaymentTerms(
      db.dataSource,
      { customerCode: 'S2', termsCode: 'EOM60', effectiveFrom: '2026-01-01' },
      SYSTEM_ACTORS.operator,
    );
    const lines: Array<[string, string, string, string, string]> = [
      // S1, net 30 (the default): 10 days late, on time, and 30 days overdue and still open.
      ['S1', 'a', '2026-06-01', 'INVOICE', '1000'],
      ['S1', 'b', '2026-07-11', 'RECEIPT', '-1000'],
      ['S1', 'c', '2026-08-01', 'INVOICE', '500'],
      ['S1', 'd', '2026-08-20', 'RECEIPT', '-500'],
      ['S1', 'e', '2026-10-01', 'INVOICE', '2000'],
      // S2, 月结60天: 2026-09-10 is due 2026-11-29, paid on 11-25.
      ['S2', 'f', '2026-09-10', 'INVOICE', '1000'],
      ['S2', 'g', '2026-11-25', 'RECEIPT', '-1000'],
      // A USD line of a CNY customer is not its behaviour in its currency.
      ['S2', 'h', '2026-01-10', 'INVOICE', '9999'],
    ];
    await upsertLedgerEntries(
      db.dataSource,
      lines.map(([customerCode, externalId, entryDate, kind, amount]) => ({
        customerCode,
        source: 'erp',
        externalId,
        entryDate,
        kind,
        amount,
        currency: externalId === 'h' ? 'USD' : 'CNY',
      })),
    );
  });

  it('scores each customer from its behaviour, each component with its measure, points and weight', async () => {
    const run = await scoreAllCustomers(db.dataSource, '2026-11-30');
    expect(run).toMatchObject({ customers: 3, byClass: { A: 1, B: 1, C: 1, D: 0 } });
    const rows = (await db.dataSource.query(
      `SELECT CAST(customer_id AS CHAR) AS id, score, risk_class, components, CAST(suggested_limit AS CHAR) AS suggested
         FROM credit_scores WHERE scored_on = '2026-11-30'`,
    )) as Array<{ id: string; score: number; risk_class: string; components: unknown; suggested: string }>;
    const of = (code: string) => {
      const row = rows.find((r) => r.id === ids[code])!;
      const components = (
        typeof row.components === 'string' ? JSON.parse(row.components) : row.components
      ) as Array<{
        kind: string;
        measure: string;
        points: number;
        weight: number;
      }>;
      return {
        ...row,
        components: Object.fromEntries(components.map((c) => [c.kind, [c.measure, c.points, c.weight]])),
      };
    };
    // S1: (1000 × 10 + 2000 × 30) / 3500 = 20 days beyond terms; 3000 of 3500 late; balance 0 → 2000.
    expect(of('S1')).toMatchObject({
      score: 49,
      risk_class: 'C',
      suggested: '1000.0000',
      components: {
        [ScoreComponentKind.DAYS_BEYOND_TERMS]: ['20', 67, 30],
        [ScoreComponentKind.SHARE_PAID_LATE]: ['0.8571', 14, 25],
        [ScoreComponentKind.DISPUTE_RATE]: ['0', 100, 15],
        [ScoreComponentKind.STATEMENT_RESPONSE_DAYS]: ['none', 70, 15],
        [ScoreComponentKind.BALANCE_TREND]: ['1', 0, 15],
      },
    });
    // S2: paid before its month-end-plus-60 due date.
    expect(of('S2')).toMatchObject({
      score: 96,
      risk_class: 'A',
      components: { [ScoreComponentKind.DAYS_BEYOND_TERMS]: ['0', 100, 30] },
    });
    // S3: nothing to measure: neutral where there is nothing, B.
    expect(of('S3')).toMatchObject({ score: 74, risk_class: 'B', suggested: '0.0000' });
    expect(await riskClassOf(db.dataSource, ids.S1)).toBe(RiskClass.C);
  });

  it('keeps one row per customer and day as history; the profile shows the latest day', async () => {
    await scoreAllCustomers(db.dataSource, '2026-12-31');
    await scoreAllCustomers(db.dataSource, '2026-11-30'); // an older day again: history only
    const history = (await db.dataSource.query(
      "SELECT DATE_FORMAT(scored_on, '%Y-%m-%d') AS d, risk_class FROM credit_scores WHERE customer_id = ? ORDER BY scored_on",
      [ids.S1],
    )) as Array<{ d: string; risk_class: string }>;
    expect(history.map((h) => h.d)).toEqual(['2026-11-30', '2026-12-31']);
    const [profile] = (await db.dataSource.query(
      "SELECT DATE_FORMAT(scored_on, '%Y-%m-%d') AS d, risk_class FROM credit_profiles WHERE customer_id = ?",
      [ids.S1],
    )) as Array<{ d: string; risk_class: string }>;
    expect(profile).toEqual({ d: '2026-12-31', risk_class: history[1].risk_class });
  });
});
