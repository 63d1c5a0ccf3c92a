import { completeReview, proposeAdjustment } from '../../contract/period';
import { AdjustmentStatus, PeriodStatus, UserRole } from '../../contract/enums';
import { Adjustment } from '../../entities/adjustment.entity';
import { Customer } from '../../entities/customer.entity';
import { Difference } from '../../entities/difference.entity';
import { User } from '../../entities/user.entity';
import { hashPassword } from '../../auth/passwords';
import { base32Decode } from '../../auth/totp';
import { userActor } from '../support/actors';
import { seedCustomer, type Line } from '../support/fixtures';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { STAFF, STAFF_PASSWORD, STAFF_SEEDS, startBrowserStack, type BrowserStack } from './support/stack';
import { enterSignInCode, freshCode } from './support/two-factor';

const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-500', kind: 'INVOICE', amount: '1000.00' };
const UNBOOKED: Line = { id: 'inv2', date: '2026-10-20', ref: 'INV-501', kind: 'INVOICE', amount: '5000.00' };

/** An admin who has not enrolled yet (the stack's admin has). */
const NEW_ADMIN = { email: 'zheng.admin@recon.test', name: '郑管理员 Zheng' };

/** After every open modal's zoom-in (half-faded colours are not what users read). */
const modalsSettled = () => {
  const modals = [...document.querySelectorAll('.ant-modal')];
  return (
    modals.length > 0 &&
    modals.every((modal) => !/zoom/.test(modal.className) && getComputedStyle(modal).opacity === '1')
  );
};

describe('in the browser: two-factor sign-in (a code step, enrolment, step-up, the admin’s view)', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_two_factor');
    await stack.harness.db.dataSource.getRepository(User).save({
      email: NEW_ADMIN.email,
      displayName: NEW_ADMIN.name,
      role: UserRole.ADMIN,
      passwordHash: await hashPassword(STAFF_PASSWORD),
    });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('a manager signs in with a code (zh): a wrong one is refused and said so, the right one lets them in', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/periods');
    await page.getByLabel('邮箱').fill(STAFF.manager.email);
    await page.getByLabel('密码').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '两步验证' }).waitFor();
    // No session yet: the password alone opened nothing.
    expect((await context.cookies()).filter((c) => c.name === 'recon_session')).toEqual([]);
    // The pointer still rests where it clicked, now over a button in its (paler) hover colour.
    await page.mouse.move(0, 0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel('验证码').fill('000000');
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '验证码不正确或已使用过' }).waitFor();

    await enterSignInCode(page, STAFF_SEEDS.manager!, 'zh-CN');
    await page.waitForURL(/\/periods$/);
    await page.getByTestId('current-user').filter({ hasText: STAFF.manager.name }).waitFor();
    // Their own Security page says it is on.
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '账户安全' }).click();
    await page.getByText('您的账户已启用两步验证。').waitFor();
    // Axe once the user menu has faded out (its half-faded words are not what anyone reads).
    await page.waitForFunction(
      () =>
        !Array.from(document.querySelectorAll('.ant-dropdown')).some(
          (menu) => !menu.classList.contains('ant-dropdown-hidden'),
        ),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('an unenrolled admin is taken to enrol (en), gets recovery codes once, lands where they were going; resets a manager, sets the roles; a new API key asks for the code again', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await page.goto('/admin/users');
    await page.getByLabel('E-mail').fill(NEW_ADMIN.email);
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/enrol\?next=%2Fadmin%2Fusers$/);
    await page.getByText('Your role requires two-factor sign-in: set it up before you continue.').waitFor();

    // The QR code is an image from a data: URL (nothing from another origin); the key is text too.
    const qr = page.getByRole('img', { name: 'QR code for your authenticator app' });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Its other pages refuse this session until it enrols; the guard brings it back here.
    await page.goto('/admin/users');
    await page.waitForURL(/\/enrol\?next=%2Fadmin%2Fusers$/);
    // Opening the page again began a new seed: the one shown now is the one to use.
    const seed = base32Decode((await page.getByTestId('totp-secret').innerText()).trim());

    await page.getByLabel('Code').fill('123456');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByRole('alert').filter({ hasText: 'This is not the code the app shows now' }).waitFor();
    await page.getByLabel('Code').fill(await freshCode(seed));
    await page.getByRole('button', { name: 'Turn on' }).click();

    const codes = page.getByTestId('recovery-codes').locator('code');
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    expect(await codes.count()).toBe(10);
    for (const code of await codes.allInnerTexts()) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    await page.mouse.move(0, 0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download' }).click();
    expect((await download).suggestedFilename()).toBe('recon-recovery-codes.txt');
    await page.getByRole('button', { name: 'I have saved them, continue' }).click();

    await page.waitForURL(/\/admin\/users$/);
    const row = page.getByRole('row').filter({ hasText: NEW_ADMIN.email });
    await row.getByText('On', { exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Managers and admins must use two-factor sign-in by default; the admin sees and keeps the setting.
    const roles = page.getByRole('group', { name: 'Roles that must use two-factor sign-in' });
    expect(await roles.getByRole('checkbox', { name: 'Manager' }).isChecked()).toBe(true);
    expect(await roles.getByRole('checkbox', { name: 'Admin' }).isChecked()).toBe(true);
    expect(await roles.getByRole('checkbox', { name: 'Clerk' }).isChecked()).toBe(false);
    await roles.getByRole('checkbox', { name: 'Auditor' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'The roles that must use two-factor sign-in are saved.' })
      .waitFor();
    const [setting] = (await stack.harness.db.dataSource.query(
      "SELECT after_state FROM audit_events WHERE action = 'security.two_factor_roles_set'",
    )) as Array<{ after_state: unknown }>;
    const after =
      typeof setting.after_state === 'string' ? JSON.parse(setting.after_state) : setting.after_state;
    expect(after).toEqual({ roles: ['MANAGER', 'AUDITOR', 'ADMIN'] });
    // Back to the default, so the auditor of other tests signs in as before.
    await roles.getByRole('checkbox', { name: 'Auditor' }).uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saves = async () =>
      Number(
        (
          (await stack.harness.db.dataSource.query(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'security.two_factor_roles_set'",
          )) as Array<{ n: string | number }>
        )[0].n,
      );
    for (let tries = 0; (await saves()) < 2 && tries < 50; tries += 1) await page.waitForTimeout(100);
    expect(await saves()).toBe(2);
    expect(await roles.getByRole('checkbox', { name: 'Auditor' }).isChecked()).toBe(false);

    // Chen lost his phone: the admin resets his two-factor sign-in (audited by the API).
    const chen = page.getByRole('row').filter({ hasText: STAFF.manager2.email });
    await chen.getByRole('button', { name: 'Reset two-factor' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Reset two-factor' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Two-factor sign-in of ${STAFF.manager2.email} reset.` })
      .waitFor();
    await chen.getByText('Off', { exact: true }).waitFor();
    const [reset] = (await stack.harness.db.dataSource.query(
      "SELECT entity_id FROM audit_events WHERE action = 'user.two_factor_reset'",
    )) as Array<{ entity_id: string }>;
    expect(reset.entity_id).toBe(stack.userIds.manager2);

    // Ten minutes on, a new API key needs the code again: asked for, proved, and the key is created.
    await stack.harness.db.dataSource.query(
      'UPDATE user_sessions SET second_factor_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)',
      [new Date(Date.now() - 10 * 60_000), NEW_ADMIN.email],
    );
    await page.goto('/admin/api-keys');
    await page.getByRole('button', { name: 'New key' }).click();
    const keyDialog = page.getByRole('dialog', { name: 'New API key' });
    await keyDialog.getByLabel('Name').fill('Kingdee ERP');
    await keyDialog.getByRole('checkbox', { name: 'read', exact: true }).check();
    await keyDialog.getByRole('button', { name: 'Create' }).click();
    const stepUp = page.getByRole('dialog').filter({ hasText: 'Confirm it is you' });
    await stepUp.getByLabel('Code').fill(await freshCode(seed));
    await stepUp.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('secret-once').filter({ hasText: /^rk_/ }).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('approving above the second threshold asks for the code again when the last one is older than five minutes', async () => {
    const { harness: h, userIds } = stack;
    await seedCustomer(h.db.dataSource, 'TFA', [INVOICE], [INVOICE, UNBOOKED]);
    await h.db.dataSource.getRepository(Customer).update(
      { code: 'TFA' },
      {
        workflowSettings: {
          reminderAfterSeconds: 3600,
          escalateAfterSeconds: 7200,
          managerApprovalThreshold: '100',
          dualApprovalThreshold: '1000',
        },
      },
    );
    const { workflowId, period } = await h.periods.openPeriod('TFA', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const difference = (await h.db.dataSource.getRepository(Difference).findBy({ periodId: period.id }))[0];
    const li = userActor(userIds.clerk, UserRole.CLERK, STAFF.clerk.name);
    const handle = h.periods.handle(workflowId);
    await handle.executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: li,
          amount: '5000.00',
          entryDate: '2026-10-20',
          reason: 'INV-501 never booked',
          differenceId: difference.id,
        },
      ],
    });
    await handle.executeUpdate(completeReview, { args: [{ actor: li }] });
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_APPROVAL);

    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/approvals');
    await page.getByLabel('邮箱').fill(STAFF.manager.email);
    await page.getByLabel('密码').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await enterSignInCode(page, STAFF_SEEDS.manager!, 'zh-CN');
    const card = page.locator('[data-testid^="adjustment-"]').filter({ hasText: 'INV-501' });
    await card.waitFor();
    // Six minutes pass: the code given at sign-in no longer covers a sensitive action.
    await h.db.dataSource.query('UPDATE user_sessions SET second_factor_at = ? WHERE user_id = ?', [
      new Date(Date.now() - 6 * 60_000),
      userIds.manager,
    ]);

    await card.getByRole('button', { name: '批准' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '批准' }).click();
    const stepUp = page.getByRole('dialog').filter({ hasText: '请再次验证' });
    await stepUp.waitFor();
    await page.waitForFunction(modalsSettled);
    // The pointer rests where it clicked "approve", now over the dialog's button in its hover colour.
    await page.mouse.move(0, 0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await stepUp.getByLabel('验证码').fill('000000');
    await stepUp.getByRole('button', { name: '确认' }).click();
    await stepUp.getByRole('alert').filter({ hasText: '验证码不正确或已使用过' }).waitFor();
    // Nothing was approved while asking.
    const pending = await h.db.dataSource.getRepository(Adjustment).findOneByOrFail({ periodId: period.id });
    expect(pending.status).toBe(AdjustmentStatus.PROPOSED);

    await stepUp.getByLabel('验证码').fill(await freshCode(STAFF_SEEDS.manager!));
    await stepUp.getByRole('button', { name: '确认' }).click();
    // The approval is retried once, and goes through.
    await page.getByRole('status').filter({ hasText: '已批准。' }).waitFor();
    await card.getByText('已审批 1/2').waitFor();
    const steps = (await h.db.dataSource.query(
      "SELECT action, after_state FROM audit_events WHERE action LIKE 'user.second_factor_%' AND entity_id = ? ORDER BY id",
      [userIds.manager],
    )) as Array<{ action: string; after_state: unknown }>;
    expect(
      steps.filter((s) => JSON.stringify(s.after_state).includes('step-up')).map((s) => s.action),
    ).toEqual(['user.second_factor_failed', 'user.second_factor_verified']);
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
