import { Customer } from '../../entities/customer.entity';
import { EntryKind } from '../../contract/enums';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { Money, sumMoney } from '../../money/decimal';
import { createTestDatabase, type TestDatabase } from '../support/database';

const AMOUNTS = ['0.1', '0.2', '12345678901234.5678', '-99999999999999.9999', '0.0001', '-0.3'];

describe('money through MySQL', () => {
  let db: TestDatabase;
  let customer: Customer;

  beforeAll(async () => {
    db = await createTestDatabase('money');
    customer = await db.dataSource
      .getRepository(Customer)
      .save({ code: 'M1', name: 'Money Co', currency: 'CNY' });
    await db.dataSource.getRepository(LedgerEntry).save(
      AMOUNTS.map((amount, index) => ({
        customerId: customer.id,
        source: 'test',
        externalId: `m-${index}`,
        entryDate: '2026-10-01',
        kind: EntryKind.INVOICE,
        amount: new Money(amount),
        currency: 'CNY',
      })),
    );
  });

  afterAll(() => db.drop());

  it('round-trips every amount exactly through the entity', async () => {
    const rows = await db.dataSource.getRepository(LedgerEntry).find({ order: { externalId: 'ASC' } });
    expect(rows.map((row) => row.amount instanceof Money)).toEqual(AMOUNTS.map(() => true));
    expect(rows.map((row) => row.amount.toFixed())).toEqual(
      AMOUNTS.map((amount) => new Money(amount).toFixed()),
    );
  });

  it('sums exactly in SQL, and agrees with decimal.js', async () => {
    const [row] = (await db.dataSource.query(
      'SELECT CAST(SUM(amount) AS CHAR) AS total, CAST(SUM(CASE WHEN external_id IN (?, ?) THEN amount END) AS CHAR) AS point_three FROM ledger_entries',
      ['m-0', 'm-1'],
    )) as Array<{ total: string; point_three: string }>;
    expect(row.point_three).toBe('0.3000'); // 0.1 + 0.2, which a float gets wrong
    const expected = sumMoney(AMOUNTS.map((amount) => new Money(amount)));
    expect(new Money(row.total).equals(expected)).toBe(true);
    expect(row.total).toBe('-87654321098765.4320'); // 12345678901234.5678 − 99999999999999.9999 + 0.0001
  });

  it('hands DECIMAL to JavaScript as text, never as a float', async () => {
    const [row] = (await db.dataSource.query('SELECT amount FROM ledger_entries WHERE external_id = ?', [
      'm-2',
    ])) as Array<{
      amount: unknown;
    }>;
    expect(typeof row.amount).toBe('string');
    expect(row.amount).toBe('12345678901234.5678');
  });
});
