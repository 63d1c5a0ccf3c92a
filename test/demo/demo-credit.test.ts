import { creditCheck } from '../../credit/credit-check.service';
import { loadDemoData } from '../../demo/load-demo';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the demo’s credit', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('shows one customer over its limit, granted through requests a second person approved', async () => {
    db = await createTestDatabase('demo_credit');
    await loadDemoData(db.dataSource);
    await loadDemoData(db.dataSource); // safe to run again
    const c001 = await creditCheck(db.dataSource, { customerCode: 'C001', amount: '0' });
    expect(c001.decision).toBe('BLOCK');
    expect(c001.reasons.map((r) => r.code)).toEqual(['OVER_LIMIT']);
    expect(c001.exposure.toFixed(2)).toBe('56980.00');
    for (const code of ['C002', 'C004'])
      expect((await creditCheck(db.dataSource, { customerCode: code, amount: '0' })).decision).toBe('OK');
    const events = (await db.dataSource.query(
      "SELECT action, actor_id FROM audit_events WHERE entity_type = 'credit' ORDER BY id",
    )) as Array<{ action: string; actor_id: string }>;
    expect(events.filter((e) => e.action === 'credit.over_limit')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'credit.request_approved')).toHaveLength(3);
    expect(
      events.filter((e) => e.action === 'credit.request_approved').every((e) => e.actor_id === 'system'),
    ).toBe(true);
  });
});
