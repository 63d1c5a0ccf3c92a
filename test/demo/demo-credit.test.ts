import { creditCheck } from '../../credit/credit-check.service';
import { describeDemoCredit } from '../../demo/demo-credit';
import { open } from '../../auth/secret-box';
import { DEMO_USERS, demoTotpSeed, loadDemoData } from '../../demo/load-demo';
import { totpSealKey } from '../../users/two-factor.service';
import { createTestDatabase, type TestDatabase } from '../support/database';

const TOKEN_SECRET = 'd'.repeat(32);

describe('the demo’s credit', () => {
  let db: TestDatabase;
  afterAll(() => db?.drop());

  it('shows one customer over its limit, granted through requests a second person approved', async () => {
    db = await createTestDatabase('demo_credit');
    await loadDemoData(db.dataSource, TOKEN_SECRET);
    await loadDemoData(db.dataSource, TOKEN_SECRET); // safe to run again
    const c001 = await creditCheck(db.dataSource, { customerCode: 'C001', amount: '0' });
    expect(c001.decision).toBe('BLOCK');
    expect(c001.reasons.map((r) => r.code)).toEqual(['OVER_LIMIT']);
    expect(c001.exposure.toFixed(2)).toBe('56980.00');
    // The line the demo prints says it as plainly.
    expect(await describeDemoCredit(db.dataSource)).toBe(
      '信用 Credit: C001 exposure 56980.00 CNY against a limit of 50000.00: creditCheck says BLOCK (OVER_LIMIT)',
    );
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

  it('enrols the managers and the admin with their printed seeds, once', async () => {
    const rows = (await db.dataSource.query(
      'SELECT email, role, totp_enabled_at IS NOT NULL AS enrolled, totp_secret FROM users ORDER BY email',
    )) as Array<{ email: string; role: string; enrolled: number; totp_secret: string | null }>;
    for (const row of rows) {
      const demo = DEMO_USERS.find((u) => u.email === row.email)!;
      expect(Boolean(row.enrolled)).toBe(row.role === 'MANAGER' || row.role === 'ADMIN');
      if (!row.totp_secret) continue;
      // The seed stored (sealed) is the one the demo prints.
      expect(open(totpSealKey(TOKEN_SECRET), row.totp_secret)).toEqual(demoTotpSeed(demo));
    }
    const enrolments = (await db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'user.two_factor_enrolled'",
    )) as Array<{ n: string | number }>;
    expect(Number(enrolments[0].n)).toBe(3);
  });
});
