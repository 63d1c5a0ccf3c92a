import { creditCheck } from '../../credit/credit-check.service';
import { readCreditPosition, readCreditPositions } from '../../credit/credit-position';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { createTestDatabase, type TestDatabase } from '../support/database';

// Concurrent credit checks share one statement (InFlightBatcher): each must still get its own
// customer's position, in its currency, and an unknown code its own NOT_FOUND.
describe('credit positions read in batches', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());
  beforeAll(async () => {
    db = await createTestDatabase('credit_position_batch');
    const customers = db.dataSource.getRepository(Customer);
    for (const [code, currency] of [
      ['B1', 'CNY'],
      ['B2', 'USD'],
      ['B3', 'CNY'],
    ])
      await customers.save({ code, name: code, currency });
    const lines: Array<[string, string, string, string]> = [
      ['B1', 'x1', '100.10', 'CNY'],
      ['B1', 'x2', '50', 'USD'],
      ['B2', 'x3', '7', 'USD'],
      ['B3', 'x4', '-3', 'CNY'],
    ];
    await upsertLedgerEntries(
      db.dataSource,
      lines.map(([customerCode, externalId, amount, currency]) => ({
        customerCode,
        source: 'erp',
        externalId,
        entryDate: '2026-11-01',
        kind: 'INVOICE',
        amount,
        currency,
      })),
    );
  });

  it('answers each key in its order, as one read alone would', async () => {
    const keys = [
      { customerCode: 'B2', currency: null },
      { customerCode: 'NOPE', currency: null },
      { customerCode: 'B1', currency: 'USD' },
      { customerCode: 'B1', currency: null },
      { customerCode: 'B3', currency: null },
    ];
    const batch = await readCreditPositions(db.dataSource, keys);
    const alone = await Promise.all(
      keys.map((k) => readCreditPosition(db.dataSource, k.customerCode, k.currency)),
    );
    expect(batch).toEqual(alone);
    expect(batch.map((p) => p && [p.customerCode, p.currency, p.balance.toFixed(2)])).toEqual([
      ['B2', 'USD', '7.00'],
      null,
      ['B1', 'USD', '50.00'],
      ['B1', 'CNY', '100.10'],
      ['B3', 'CNY', '-3.00'],
    ]);
  });

  it('concurrent checks each get their own answer; an unknown customer fails alone', async () => {
    const codes = ['B1', 'B2', 'NOPE', 'B3', 'B1'];
    const answers = await Promise.allSettled(
      codes.map((customerCode) => creditCheck(db.dataSource, { customerCode, amount: '1' })),
    );
    expect(
      answers.map((a) => (a.status === 'fulfilled' ? a.value.position.customerCode : 'refused')),
    ).toEqual(['B1', 'B2', 'refused', 'B3', 'B1']);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.exposure.toFixed(2) : null))).toEqual([
      '100.10',
      '7.00',
      null,
      '-3.00',
      '100.10',
    ]);
  });
});
