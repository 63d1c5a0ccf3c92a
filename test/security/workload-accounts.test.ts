import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * Probe (December 2026): `users` (e-mail, active, two-factor sign-in on or off) is for admins, but
 * the dashboard's `workloads { user { … } }` answered the same account fields of every clerk holding
 * a task to anyone with `report:read`: auditors, and integrators' keys. Which staff accounts have no
 * second factor, and their sign-in e-mails, is what a password-guessing attacker wants first. The
 * person's name and counts stay on the dashboard; the account behind them is an admin's to read
 * (or the caller's own): others get the field null with FORBIDDEN.
 */
describe('the dashboard names who holds the work without handing out their accounts (probe)', () => {
  let stack: PlatformStack;
  const DASHBOARD = `{ dashboard(month: "2026-10") {
    workloads { name open user { id email active twoFactorEnabled } } } }`;
  type Workloads = {
    dashboard: {
      workloads: Array<{
        name: string | null;
        open: number;
        user: { email: string; twoFactorEnabled: boolean } | null;
      }>;
    };
  };

  beforeAll(async () => {
    stack = await startPlatformStack('workload_accounts');
    await seedCustomer(stack.h.db.dataSource, 'WL1', CLEAN_LINES, CLEAN_LINES.slice(0, 2));
    await stack.openPeriod('WL1', 'IN_REVIEW');
    const claimed = await stack.call('mutation { claimNextTask { id } }', {}, stack.staff.CLERK);
    expect(codes(claimed)).toEqual([]);
  });
  afterAll(() => stack?.stop());

  it('answers the clerk’s account to an admin only', async () => {
    const admin = await stack.call<Workloads>(DASHBOARD, {}, stack.staff.ADMIN);
    expect(codes(admin)).toEqual([]);
    const held = admin.data!.dashboard.workloads.find((row) => row.user !== null);
    expect(held?.user?.email).toBe('clerk@recon.test');

    for (const caller of [
      stack.staff.AUDITOR,
      stack.staff.MANAGER,
      await stack.apiKey('read', 'report:read'),
    ]) {
      const answer = await stack.call<Workloads>(DASHBOARD, {}, caller);
      expect(new Set(codes(answer))).toEqual(new Set(['FORBIDDEN']));
      const rows = answer.data!.dashboard.workloads;
      // The name and the counts stay; no row carries an account.
      expect(rows.some((row) => row.name === held!.name && row.open > 0)).toBe(true);
      expect(rows.every((row) => row.user === null)).toBe(true);
    }
  });
});
