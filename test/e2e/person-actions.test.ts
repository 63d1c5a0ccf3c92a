import {
  AdminTaskKind,
  AdminTaskStatus,
  PeriodStatus,
  TaskQueue,
  TaskStatus,
  TaskType,
} from '../../contract/enums';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { AdminTask } from '../../entities/admin-task.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { raiseAdminTask, resolveAdminTask } from '../../tasks/admin-tasks';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { type BrowserStack, EN, signIn, startBrowserStack, ZH } from './support/stack';

/**
 * The actions a person needs that the API had and the web app had no button for: a manager
 * records a customer's answer given by phone, closes a period by exception; a clerk marks a task
 * done; an admin resolves an admin task. Each refusal reads as a sentence.
 */
describe('in the browser: a customer’s answer by phone, closing by exception, a task done, an admin task resolved', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_person_actions');
    for (const code of ['PHONE1', 'PHONE2', 'PHONE3', 'EXC1'])
      await seedCustomer(stack.harness.db.dataSource, code, CLEAN_LINES, CLEAN_LINES);
  }, 180_000);

  afterAll(() => stack?.stop());

  async function periodAwaitingCustomer(code: string) {
    const opened = await stack.harness.periods.openPeriod(code, '2026-10-01', '2026-10-31');
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.AWAITING_CUSTOMER, 60_000);
    return { workflowId: opened.workflowId, periodId: opened.period.id };
  }

  const statusOf = async (periodId: string) =>
    (await stack.harness.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ id: periodId }))
      .status;

  it('a manager records a dispute given by phone (zh); the clerk claims the task and marks it done (en); a clerk sees no manager button', async () => {
    const { workflowId, periodId } = await periodAwaitingCustomer('PHONE1');

    // The clerk, on the same period, is offered neither of the manager's buttons.
    const clerk = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const clerkPage = await clerk.context.newPage();
    await signIn(clerkPage, 'clerk', EN, `/periods/${periodId}`);
    await clerkPage.getByTestId('period-status').filter({ hasText: 'Awaiting the customer' }).waitFor();
    expect(await clerkPage.getByRole('button', { name: /Record the customer’s answer/ }).count()).toBe(0);
    expect(await clerkPage.getByRole('button', { name: /Close by exception/ }).count()).toBe(0);

    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'manager', ZH, `/periods/${periodId}`);
    await page.getByRole('button', { name: '登记客户答复…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('对部分行有异议').click();
    // Nothing said and no line chosen: the form says what is missing, nothing is sent.
    await dialog.getByRole('button', { name: '登记答复' }).click();
    await dialog.getByText('请至少选择一行。').waitFor();
    await dialog.getByLabel('客户如何答复').fill('12 月 5 日电话，财务张女士：INV-002 他们记为 300.00');
    await dialog.getByLabel('有异议的行').click();
    await dialog.getByLabel('有异议的行').fill('INV-002');
    await page.locator('.ant-select-item-option').filter({ hasText: 'INV-002' }).click();
    // The line is chosen once its tag shows in the field (on a loaded machine the list can still be
    // settling when the option is clicked: a second click is what a person would do).
    const chosen = dialog.locator('.ant-select-selection-item').filter({ hasText: 'INV-002' });
    if (
      !(await chosen.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      ))
    )
      await page.locator('.ant-select-item-option').filter({ hasText: 'INV-002' }).click();
    await chosen.waitFor();
    // The dropdown closed (axe would catch its listbox half-faded): a click on the dialog's title.
    await dialog.getByText('登记客户通过电话或书面给出的答复').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .waitFor({ state: 'detached' });
    await dialog.getByLabel(/客户账上的金额（可选）：.*INV-002/).fill('300.00');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '登记答复' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '已登记客户的异议：期间回到复核，并为会计创建了任务。' })
      .waitFor();
    await stack.harness.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    await page.getByTestId('period-status').filter({ hasText: '复核中' }).waitFor();
    const [dispute] = await stack.harness.db.dataSource
      .getRepository(Task)
      .findBy({ periodId, type: TaskType.CUSTOMER_DISPUTE });
    expect(dispute.title).toContain('12 月 5 日电话');
    // In review now: the answer button has gone; closing by exception is still offered.
    expect(await page.getByRole('button', { name: '登记客户答复…' }).count()).toBe(0);
    await page.getByRole('button', { name: '例外关闭…' }).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();

    // A mistyped period address is "no such period", read from nothing (no refused request, no page error).
    await clerkPage.goto('/periods/abc');
    await clerkPage.getByText('There is no such period; the link may be wrong.').waitFor();

    // The clerk finds the dispute on My work, claims it, and marks it done saying what was done.
    await clerkPage.goto('/work');
    const row = clerkPage.getByRole('row').filter({ hasText: '12 月 5 日电话' });
    await row.getByRole('button', { name: 'Claim' }).click();
    await row.getByRole('button', { name: 'Done…' }).click();
    const done = clerkPage.getByRole('dialog');
    // My work's keys are not for the list behind an open dialog: "r" would have released this task.
    await done.getByText(/^Mark done:/).click();
    await clerkPage.keyboard.press('r');
    await clerkPage.keyboard.press('j');
    await clerkPage.waitForTimeout(1000);
    expect(await row.getByRole('cell', { name: 'Claimed by me' }).count()).toBe(1);
    expect(
      (await stack.harness.db.dataSource.getRepository(Task).findOneByOrFail({ id: dispute.id })).status,
    ).toBe(TaskStatus.CLAIMED);
    await done
      .getByLabel('Outcome (say what was done)')
      .fill('Customer booked INV-002 at 300.00; sent them the invoice copy');
    await done.getByRole('button', { name: 'Mark as done' }).click();
    await clerkPage.getByRole('alert').filter({ hasText: 'is done.' }).waitFor();
    await row.waitFor({ state: 'detached' });
    const completed = await stack.harness.db.dataSource
      .getRepository(Task)
      .findOneByOrFail({ id: dispute.id });
    expect({ status: completed.status, outcome: completed.outcome }).toEqual({
      status: TaskStatus.DONE,
      outcome: 'Customer booked INV-002 at 300.00; sent them the invoice copy',
    });
    expect(await seriousAccessibilityViolations(clerkPage)).toEqual([]);
    expect(clerk.problems.list).toEqual([]);
    await clerk.context.close();
  }, 180_000);

  it('a manager records a confirmation given on a signed letter (en): the period closes', async () => {
    const { workflowId, periodId } = await periodAwaitingCustomer('PHONE2');
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'manager', EN, `/periods/${periodId}`);
    await page.getByRole('button', { name: 'Record the customer’s answer…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/How the customer answered/).fill('Signed confirmation letter received 5 Dec');
    await dialog.getByRole('button', { name: 'Record the answer' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Recorded: the customer confirmed the balance.' })
      .waitFor();
    await stack.harness.waitForStatus(workflowId, PeriodStatus.CLOSED);
    await page.getByTestId('period-status').filter({ hasText: 'Closed' }).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  }, 120_000);

  it('the customer answers with their link while the manager records a phone answer (en): the refusal shows in the dialog', async () => {
    const { workflowId, periodId } = await periodAwaitingCustomer('PHONE3');
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'manager', EN, `/periods/${periodId}`);
    await page.getByRole('button', { name: 'Record the customer’s answer…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/How the customer answered/).fill('Phone call, 5 Dec');
    const link = await linkFromOutbox(stack.harness.db.dataSource, stack.harness.outbox, periodId);
    // The customer's own browser: their link, no staff cookie.
    const answered = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: link.authorization },
      body: JSON.stringify({ query: 'mutation { confirmStatement(comment: "agreed") { status } }' }),
    });
    expect(((await answered.json()) as { errors?: unknown }).errors).toBeUndefined();
    await stack.harness.waitForStatus(workflowId, PeriodStatus.CLOSED);
    await dialog.getByRole('button', { name: 'Record the answer' }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'This record has moved on, so the action no longer applies.' })
      .waitFor();
    await page.getByTestId('period-status').filter({ hasText: 'Closed' }).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  }, 120_000);

  it('a manager closes a period by exception (en); a clerk’s task on it, cancelled meanwhile, is refused in words (zh)', async () => {
    const { workflowId, periodId } = await periodAwaitingCustomer('EXC1');
    // A task on the period, claimed by the clerk, who opens its "done" dialog before the manager acts.
    const task = await stack.harness.db.dataSource.getRepository(Task).save({
      periodId,
      workflowId,
      queue: TaskQueue.CLERK,
      type: TaskType.ESCALATION,
      title: '电话催客户回函 call the customer',
      idempotencyKey: `e2e-escalation:${periodId}`,
      dueAt: new Date(Date.now() + 86_400_000),
    });
    const clerk = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const clerkPage = await clerk.context.newPage();
    await signIn(clerkPage, 'clerk', ZH, '/work');
    const row = clerkPage.getByRole('row').filter({ hasText: 'EXC1' });
    await row.getByRole('button', { name: '认领' }).click();
    await row.getByRole('button', { name: '完成…' }).click();
    await clerkPage.getByRole('dialog').getByLabel('处理结果（写明做了什么）').fill('已电话联系');

    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'manager', EN, `/periods/${periodId}`);
    await page.getByRole('button', { name: 'Close by exception…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Close by exception' }).click();
    await dialog.getByText('Please fill this in.').waitFor();
    await dialog
      .getByLabel('Reason for closing')
      .fill('Customer ceased trading; balance written off by the board');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Close by exception' }).click();
    await page.getByRole('status').filter({ hasText: 'The period is closed by exception.' }).waitFor();
    await stack.harness.waitForStatus(workflowId, PeriodStatus.CLOSED);
    await page.getByTestId('period-status').filter({ hasText: 'Closed' }).waitFor();
    expect(await page.getByRole('button', { name: 'Close by exception…' }).count()).toBe(0);
    const period = await stack.harness.db.dataSource
      .getRepository(ReconciliationPeriod)
      .findOneByOrFail({ id: periodId });
    expect(period.closeReason).toContain('ceased trading');
    expect(problems.list).toEqual([]);
    await context.close();

    // The period closed, its task was cancelled: the clerk's "done" is refused in a sentence.
    expect(
      (await stack.harness.db.dataSource.getRepository(Task).findOneByOrFail({ id: task.id })).status,
    ).toBe(TaskStatus.CANCELLED);
    await clerkPage.getByRole('dialog').getByRole('button', { name: '标记为完成' }).click();
    // Said inside the dialog, where the clerk is looking (the page's own alert is behind its mask).
    await clerkPage
      .getByRole('dialog')
      .getByRole('alert')
      .filter({ hasText: '该记录的状态已经改变，此操作不再适用。' })
      .waitFor();
    expect(await statusOf(periodId)).toBe(PeriodStatus.CLOSED);
    await clerk.context.close();
  }, 180_000);

  it('an admin resolves an admin task (zh); one resolved meanwhile is refused in words; a manager cannot open the page', async () => {
    const ds = stack.harness.db.dataSource;
    const raise = (key: string, title: string) =>
      ds.transaction((manager) =>
        raiseAdminTask(
          manager,
          { key, kind: AdminTaskKind.BACKUP_FAILED, title, detail: 'mysqldump: disk full (ENOSPC)' },
          SYSTEM_ACTORS.backup,
        ),
      );
    const first = (await raise('e2e-backup-1', '12 月 5 日的备份失败'))!;
    const second = (await raise('e2e-backup-2', '12 月 6 日的备份失败'))!;

    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'admin', ZH, '/admin/tasks');
    await page.getByRole('heading', { name: '管理员任务' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '12 月 5 日的备份失败' });
    await row.getByText('mysqldump: disk full').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await row.getByRole('button', { name: '标记为已处理' }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/做了什么/)
      .fill('已清理磁盘并重新运行备份');
    await page.getByRole('dialog').getByRole('button', { name: '标记为已处理' }).click();
    await page.getByRole('status').filter({ hasText: '“12 月 5 日的备份失败”已标记为已处理。' }).waitFor();
    await row.getByText('已清理磁盘并重新运行备份').waitFor();
    expect(await row.getByRole('button', { name: '标记为已处理' }).count()).toBe(0);
    expect((await ds.getRepository(AdminTask).findOneByOrFail({ id: first.id })).status).toBe(
      AdminTaskStatus.RESOLVED,
    );

    // Another admin resolves the second one while this dialog is open: the refusal is a sentence.
    const other = page.getByRole('row').filter({ hasText: '12 月 6 日的备份失败' });
    await other.getByRole('button', { name: '标记为已处理' }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/做了什么/)
      .fill('重新运行了备份');
    await resolveAdminTask(ds, second.id, 'ran it again from the console', SYSTEM_ACTORS.operator);
    await page.getByRole('dialog').getByRole('button', { name: '标记为已处理' }).click();
    await page.getByRole('alert').filter({ hasText: '该记录的状态已经改变，此操作不再适用。' }).waitFor();
    await other.getByText('ran it again from the console').waitFor();
    // The customers' list says their status in the page's language, not the API's enum word.
    await page.goto('/admin/customers');
    await page
      .getByRole('row')
      .filter({ hasText: 'PHONE1' })
      .getByRole('cell', { name: '在用', exact: true })
      .waitFor();
    expect(await page.getByRole('cell', { name: 'ACTIVE', exact: true }).count()).toBe(0);
    expect(problems.list).toEqual([]);
    await context.close();

    const manager = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const managerPage = await manager.context.newPage();
    await signIn(managerPage, 'manager', EN, '/admin/tasks');
    await managerPage.locator('main .ant-result-403').waitFor();
    await manager.context.close();
  }, 180_000);
  it('a page whose code is gone after an update says so in words with a reload, in the frame (en)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'clerk', EN, '/');
    // Recon was redeployed since this tab opened: the periods page's old file is gone.
    await page.route('**/assets/PeriodsPage-*.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('menuitem', { name: 'Periods' })
      .click();
    await page.getByText('Recon has been updated').waitFor();
    await page.getByText('reload it to go on').waitFor();
    expect(await page.getByText('Hey developer').count()).toBe(0);
    // The frame stays: the menu and who is signed in.
    await page.getByTestId('current-user').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.unroute('**/assets/PeriodsPage-*.js');
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: 'Periods' }).waitFor();
    // Only the refused file and the router's note of it; nothing else broke.
    expect(
      problems.list.filter((line) => !/PeriodsPage|status of 404|dynamically imported module/.test(line)),
    ).toEqual([]);
    await context.close();
  }, 120_000);
});
