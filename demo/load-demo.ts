import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { otpauthUri } from '../auth/totp';
import { Customer } from '../entities/customer.entity';
import { loadDemoCredit } from './demo-credit';
import { SYSTEM_ACTORS } from '../contract/actor';
import { StatementSource, UserRole } from '../contract/enums';
import { User } from '../entities/user.entity';
import { upsertLedgerEntries } from '../ledger/ledger.service';
import { submitStatement } from '../statements/statement.service';
import { enrolKnownSecret, totpSealKey } from '../users/two-factor.service';
import { DEMO_CUSTOMERS, DEMO_PERIODS } from './demo-data';

/**
 * One of each kind of person who signs in, with a demo password the demo prints (two clerks and
 * two managers, so claiming and maker ≠ checker can be tried in the browser). Managers and the admin
 * must use two-factor sign-in (Recon's default): each has a demo authenticator seed (20 bytes, as
 * ASCII), public like the demo passwords; the demo prints its otpauth:// link for an authenticator app.
 */
export const DEMO_USERS = [
  {
    email: 'wang.manager@recon.demo',
    displayName: '王经理 Manager Wang',
    role: UserRole.MANAGER,
    password: 'demo-wang-2026',
    totpSeed: 'recon-demo-wang-2026',
  },
  {
    email: 'chen.manager@recon.demo',
    displayName: '陈经理 Manager Chen',
    role: UserRole.MANAGER,
    password: 'demo-chen-2026',
    totpSeed: 'recon-demo-chen-2026',
  },
  {
    email: 'li.clerk@recon.demo',
    displayName: '李会计 Clerk Li',
    role: UserRole.CLERK,
    password: 'demo-li-2026',
  },
  {
    email: 'zhou.clerk@recon.demo',
    displayName: '周会计 Clerk Zhou',
    role: UserRole.CLERK,
    password: 'demo-zhou-2026',
  },
  {
    email: 'zhao.auditor@recon.demo',
    displayName: '赵审计 Auditor Zhao',
    role: UserRole.AUDITOR,
    password: 'demo-zhao-2026',
  },
  {
    email: 'sun.admin@recon.demo',
    displayName: '孙管理员 Admin Sun',
    role: UserRole.ADMIN,
    password: 'demo-sun-2026',
    totpSeed: 'recon-demo-sun-20266',
  },
] as const;

export type DemoUser = (typeof DEMO_USERS)[number];

/** A demo user's authenticator seed (managers and the admin), or null. */
export const demoTotpSeed = (user: DemoUser): Buffer | null =>
  'totpSeed' in user ? Buffer.from(user.totpSeed, 'ascii') : null;

/** The link an authenticator app reads (as text or a QR code) for a demo user with a seed. */
export const demoOtpauthUri = (user: DemoUser): string | null => {
  const seed = demoTotpSeed(user);
  return seed ? otpauthUri(seed, user.email) : null;
};

/**
 * Loads the demo month through the same services integrators use. Safe to run again: customers
 * and users are matched by their keys, ledger entries by (source, externalId), statements by sourceRef.
 */
export async function loadDemoData(dataSource: DataSource, tokenSecret: string): Promise<void> {
  const customers = dataSource.getRepository(Customer);
  for (const customer of DEMO_CUSTOMERS) {
    if (await customers.existsBy({ code: customer.code })) continue;
    await customers.save({
      code: customer.code,
      name: customer.name,
      currency: customer.currency,
      contactEmail: customer.contactEmail,
      locale: customer.locale,
    });
  }
  const users = dataSource.getRepository(User);
  for (const demoUser of DEMO_USERS) {
    const { email, displayName, role, password } = demoUser;
    const existing = await users.findOneBy({ email });
    // A demo database from before the users had passwords gets them; a password set since is kept.
    if (!existing) await users.save({ email, displayName, role, passwordHash: await hashPassword(password) });
    else if (!existing.passwordHash)
      await users.update({ id: existing.id }, { passwordHash: await hashPassword(password) });
    // Enrolled with the demo seed unless two-factor sign-in is on already (kept, as a password is).
    const seed = demoTotpSeed(demoUser);
    const user = await users.findOneByOrFail({ email });
    if (seed && !user.totpEnabledAt)
      await enrolKnownSecret(dataSource, totpSealKey(tokenSecret), user.id, seed, SYSTEM_ACTORS.demo);
  }
  for (const period of DEMO_PERIODS) {
    await upsertLedgerEntries(
      dataSource,
      period.ledger.map((entry) => ({ ...entry, customerCode: period.customerCode })),
      SYSTEM_ACTORS.demo,
    );
    const customer = DEMO_CUSTOMERS.find((c) => c.code === period.customerCode)!;
    await submitStatement(
      dataSource,
      {
        customerCode: period.customerCode,
        periodStart: period.periodStart,
        periodEnd: period.periodEnd,
        currency: customer.currency,
        openingBalance: period.statement.openingBalance,
        closingBalance: period.statement.closingBalance,
        source: StatementSource.FILE,
        sourceRef: `demo-statement-${period.customerCode}-${period.periodStart}`,
        lines: period.statement.lines,
      },
      SYSTEM_ACTORS.demo,
    );
  }
  await loadDemoCredit(dataSource);
}
