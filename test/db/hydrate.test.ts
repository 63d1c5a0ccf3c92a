import { hydrate, selectColumns } from '../../db/hydrate';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Money } from '../../money/decimal';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('hydrate: entities from one joined raw row', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('hydrate');
  });
  afterAll(() => db.drop());

  it('builds exactly what TypeORM loads: decimals as Money, JSON parsed, dates, nulls', async () => {
    const customer = await db.dataSource.getRepository(Customer).save({
      code: 'H001',
      name: '水合 客户',
      currency: 'CNY',
      workflowSettings: { reminderAfterSeconds: 60 },
    });
    const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: 'recon-H001-2026-10',
      currency: 'CNY',
      ourOpeningBalance: new Money('12345678901234.5678'),
      ourClosingBalance: new Money('-0.0001'),
      bridge: { lines: [{ label: '在途', amount: '0.10' }] },
    });
    const [row] = (await db.dataSource.query(
      `SELECT ${selectColumns(db.dataSource, ReconciliationPeriod, 'p')}, ${selectColumns(db.dataSource, Customer, 'c')}
         FROM reconciliation_periods p JOIN customers c ON c.id = p.customer_id WHERE p.id = ?`,
      [period.id],
    )) as Array<Record<string, unknown>>;

    const viaOrm = await db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: period.id });
    const hydrated = hydrate(db.dataSource, ReconciliationPeriod, row, 'p');
    expect(hydrated).toBeInstanceOf(ReconciliationPeriod);
    expect(hydrated).toEqual(viaOrm);
    expect(hydrated.ourOpeningBalance!.toFixed()).toBe('12345678901234.5678');
    expect(hydrated.theirClosingBalance).toBeNull();
    expect(hydrated.bridge).toEqual({ lines: [{ label: '在途', amount: '0.10' }] });

    const customerViaOrm = await db.dataSource.getRepository(Customer).findOneByOrFail({ id: customer.id });
    expect(hydrate(db.dataSource, Customer, row, 'c')).toEqual(customerViaOrm);
  });
});
