import { ExposureCache } from '../../credit/exposure-cache';
import { readCreditPositions } from '../../credit/credit-position';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { createTestDatabase, type TestDatabase } from '../support/database';

// The credit check keeps customers' summed exposures in memory and reads only their version row
// (raised by triggers in the writing transaction) to know whether its copy still holds. Every kind
// of write the sums depend on must move the version, and a check after it must see the write.
describe('the credit check’s cached exposure and its version', () => {
  let db: TestDatabase;
  let customerId: string;
  let statements: string[];
  let cache: ExposureCache;
  const counting = {
    query: (sql: string, params?: unknown[]) => {
      statements.push(sql);
      return db.dataSource.query(sql, params);
    },
  };
  /** The position of V1 through the cache, and how many statements it took. */
  const check = async () => {
    statements = [];
    const [position] = await readCreditPositions(counting, [{ customerCode: 'V1', currency: null }], cache);
    return {
      statements: statements.length,
      balance: position!.balance.toFixed(2),
      disputed: position!.disputed.toFixed(2),
      orders: position!.openOrders.toFixed(2),
    };
  };
  const version = async () => {
    const [row] = (await db.dataSource.query(
      'SELECT CAST(version AS CHAR) AS v FROM credit_versions WHERE customer_id = ?',
      [customerId],
    )) as Array<{ v: string }>;
    return Number(row?.v ?? 0);
  };
  const entry = (externalId: string, amount: string) => ({
    customerCode: 'V1',
    source: 'erp',
    externalId,
    entryDate: '2026-10-05',
    kind: Number(amount) > 0 ? 'INVOICE' : 'RECEIPT',
    amount,
    currency: 'CNY',
  });

  beforeAll(async () => {
    db = await createTestDatabase('credit_exposure_version');
    customerId = (
      await db.dataSource.getRepository(Customer).save({ code: 'V1', name: 'V1', currency: 'CNY' })
    ).id;
    cache = new ExposureCache();
  });
  afterAll(() => db?.drop());

  it('reads the sums once, then answers from memory while nothing changed', async () => {
    await upsertLedgerEntries(db.dataSource, [entry('a1', '100'), entry('a2', '300')]);
    expect(await check()).toEqual({ statements: 2, balance: '400.00', disputed: '0.00', orders: '0.00' });
    expect(await check()).toEqual({ statements: 1, balance: '400.00', disputed: '0.00', orders: '0.00' });
    expect(await check()).toMatchObject({ statements: 1 });
  });

  it('sees a ledger upsert, an amount changed in SQL and a deleted entry at once', async () => {
    await upsertLedgerEntries(db.dataSource, [entry('a3', '-150')]);
    expect(await check()).toEqual({ statements: 2, balance: '250.00', disputed: '0.00', orders: '0.00' });
    await db.dataSource.query("UPDATE ledger_entries SET amount = 120 WHERE external_id = 'a1'");
    expect(await check()).toMatchObject({ statements: 2, balance: '270.00' });
    await db.dataSource.query("DELETE FROM ledger_entries WHERE external_id = 'a3'");
    expect(await check()).toMatchObject({ statements: 2, balance: '420.00' });
  });

  it('does not move for writes that leave the sums alone (a description, a profile)', async () => {
    const before = await version();
    await db.dataSource.query("UPDATE ledger_entries SET description = 'renamed' WHERE external_id = 'a1'");
    await db.dataSource.query(
      "INSERT INTO credit_profiles (customer_id, risk_class, score, scored_on) VALUES (?, 'C', 40, '2026-11-30')",
      [customerId],
    );
    expect(await version()).toBe(before);
    expect(await check()).toMatchObject({ statements: 1, balance: '420.00' });
  });

  it('sees reported orders, disputed lines and a period closing', async () => {
    await db.dataSource.query(
      "INSERT INTO credit_open_orders (customer_id, order_ref, currency, amount, reported_by) VALUES (?, 'SO-1', 'CNY', 50, 't')",
      [customerId],
    );
    expect(await check()).toMatchObject({ statements: 2, orders: '50.00' });
    await db.dataSource.query("UPDATE credit_open_orders SET amount = 70 WHERE order_ref = 'SO-1'");
    expect(await check()).toMatchObject({ statements: 2, orders: '70.00' });
    await db.dataSource.query("DELETE FROM credit_open_orders WHERE order_ref = 'SO-1'");
    expect(await check()).toMatchObject({ statements: 2, orders: '0.00' });

    await db.dataSource.query(
      `INSERT INTO reconciliation_periods (customer_id, period_start, period_end, workflow_id, status, currency)
       VALUES (?, '2026-10-01', '2026-10-31', 'recon-V1-2026-10', 'IN_REVIEW', 'CNY')`,
      [customerId],
    );
    await db.dataSource.query(
      `INSERT INTO customer_confirmations (period_id, round, status, balance)
       SELECT id, 1, 'DISPUTED', 420 FROM reconciliation_periods WHERE workflow_id = 'recon-V1-2026-10'`,
    );
    expect(await check()).toMatchObject({ statements: 1, disputed: '0.00' });
    await db.dataSource.query(
      `INSERT INTO disputed_lines (confirmation_id, ledger_entry_id, comment)
       SELECT (SELECT id FROM customer_confirmations), id, 'never ordered' FROM ledger_entries WHERE external_id = 'a2'`,
    );
    expect(await check()).toMatchObject({ statements: 2, disputed: '300.00' });
    await db.dataSource.query("UPDATE reconciliation_periods SET status = 'CLOSED'");
    expect(await check()).toMatchObject({ statements: 2, disputed: '0.00' });
    await db.dataSource.query("UPDATE reconciliation_periods SET status = 'IN_REVIEW'");
    expect(await check()).toMatchObject({ statements: 2, disputed: '300.00' });
    await db.dataSource.query('DELETE FROM disputed_lines');
    expect(await check()).toMatchObject({ statements: 2, disputed: '0.00' });
  });

  it('never answers with sums older than a committed write, also for a second process’s cache', async () => {
    const other = new ExposureCache();
    const [first] = await readCreditPositions(db.dataSource, [{ customerCode: 'V1', currency: null }], other);
    await upsertLedgerEntries(db.dataSource, [entry('a4', '5')]);
    const [second] = await readCreditPositions(
      db.dataSource,
      [{ customerCode: 'V1', currency: null }],
      other,
    );
    expect(second!.balance.minus(first!.balance).toFixed(2)).toBe('5.00');
  });
});
