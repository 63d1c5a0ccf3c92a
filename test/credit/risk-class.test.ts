import { RiskClass } from '../../contract/credit/enums';
import { riskClassesOf, riskClassOf } from '../../credit/risk-class';
import { Customer } from '../../entities/customer.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('riskClassOf', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('gives the latest score’s class, and B before a customer is scored', async () => {
    db = await createTestDatabase('risk_class');
    const customers = db.dataSource.getRepository(Customer);
    const scored = await customers.save({ code: 'RC1', name: 'scored', currency: 'CNY' });
    const unscored = await customers.save({ code: 'RC2', name: 'new', currency: 'CNY' });
    await db.dataSource.query(
      "INSERT INTO credit_profiles (customer_id, risk_class, score, scored_on) VALUES (?, 'D', 12, '2026-11-30')",
      [scored.id],
    );
    expect(await riskClassOf(db.dataSource, scored.id)).toBe(RiskClass.D);
    expect(await riskClassOf(db.dataSource, unscored.id)).toBe(RiskClass.B);
    expect(await riskClassesOf(db.dataSource, [scored.id, unscored.id, '999999'])).toEqual(
      new Map([
        [scored.id, RiskClass.D],
        [unscored.id, RiskClass.B],
        ['999999', RiskClass.B],
      ]),
    );
  });
});
