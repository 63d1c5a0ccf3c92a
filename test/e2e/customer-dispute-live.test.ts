import type { Page, WebSocketRoute } from 'playwright-core';
import { PeriodStatus, TaskQueue, TaskType } from '../../contract/enums';
import { Task } from '../../entities/task.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { STAFF, STAFF_PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

const PHONE = { width: 390, height: 844 };
// The clerk reads in Chinese: the task's title is worded from its kind and parameters (the customer's comment as written).
const DISPUTE_TASK = '客户对一行提出异议：INV-002 is 300.00 in our books';

/** A mark only this load of the page carries: a reload (or any full navigation) loses it. */
const markLoad = (page: Page) =>
  page.evaluate(() => ((window as unknown as { reconTestMark?: string }).reconTestMark = 'still here'));
const loadMark = (page: Page) =>
  page.evaluate(() => (window as unknown as { reconTestMark?: string }).reconTestMark ?? null);

/** Counts every navigation of the page's main frame, same-document ones included. */
function countNavigations(page: Page) {
  const counter = { count: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) counter.count++;
  });
  return counter;
}

describe('in the browser: a customer disputes, and the clerk sees it live (issue 16, test 1)', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_live');
    await seedCustomer(stack.harness.db.dataSource, 'LIVE1', CLEAN_LINES, CLEAN_LINES);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('when the socket drops, My work says it is offline, and reads what it missed as soon as the socket is back', async () => {
    await seedCustomer(stack.harness.db.dataSource, 'LIVE2', [{ ...CLEAN_LINES[0], id: 'only-ours' }], []);
    const opened = await stack.harness.periods.openPeriod('LIVE2', '2026-10-01', '2026-10-31');
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW);

    const clerk = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const work = await clerk.context.newPage();
    // The page's socket goes through a switch: on, it reaches the server; off, it is dropped
    // (1012, "service restart": the client retries) and every new attempt too.
    const network = { up: true, open: undefined as WebSocketRoute | undefined };
    await work.routeWebSocket(/\/graphql$/, (socket) => {
      if (!network.up) return socket.close({ code: 1012, reason: 'restarting' });
      socket.connectToServer();
      network.open = socket;
    });
    await work.goto('/login?next=%2Fwork');
    await work.getByLabel('E-mail').fill(STAFF.clerk.email);
    await work.getByLabel('Password').fill(STAFF_PASSWORD);
    await work.getByRole('button', { name: 'Sign in' }).click();
    await work.waitForURL(/\/work$/);
    await work.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    await markLoad(work);

    network.up = false;
    await network.open!.close({ code: 1012, reason: 'restarting' });
    await work.locator('[data-testid="live-state"][data-state="offline"]').waitFor();
    expect(await work.getByTestId('live-state').innerText()).toBe('Offline');

    // Meanwhile a task appears (written straight to the table: no live event would announce it).
    const title = 'Call LIVE2 about the missing receipt';
    await stack.harness.db.dataSource.getRepository(Task).save({
      periodId: opened.period.id,
      workflowId: opened.workflowId,
      idempotencyKey: 'e2e-live-missed',
      queue: TaskQueue.CLERK,
      type: TaskType.REVIEW_DIFFERENCE,
      title,
      dueAt: new Date(Date.now() + 3_600_000),
    });
    expect(await work.locator('tr[data-row-key]').filter({ hasText: title }).count()).toBe(0);

    // The socket comes back: live again, and the list read once more, without a reload.
    network.up = true;
    await work.locator('[data-testid="live-state"][data-state="live"]').waitFor({ timeout: 20_000 });
    await work.locator('tr[data-row-key]').filter({ hasText: title }).waitFor({ timeout: 10_000 });
    expect(await loadMark(work)).toBe('still here');
    expect(clerk.problems.list).toEqual([]);
    await clerk.context.close();
  }, 120_000);

  it('the customer disputes one line from the e-mailed link; the open My work and Period pages update without a reload', async () => {
    const opened = await stack.harness.periods.openPeriod('LIVE1', '2026-10-01', '2026-10-31');
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.AWAITING_CUSTOMER);
    const period = await stack.harness.db.dataSource
      .getRepository(ReconciliationPeriod)
      .findOneByOrFail({ workflowId: opened.workflowId });
    const link = await linkFromOutbox(stack.harness.db.dataSource, stack.harness.outbox, period.id);

    // The clerk signs in and opens My work and the period, each in its own tab, before the dispute.
    const clerk = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const work = await clerk.context.newPage();
    await work.goto('/login?next=%2Fwork');
    await work.getByLabel('邮箱').fill(STAFF.clerk.email);
    await work.getByLabel('密码').fill(STAFF_PASSWORD);
    await work.getByRole('button', { name: '登录' }).click();
    await work.waitForURL(/\/work$/);
    await work.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    expect(await work.locator('tr[data-row-key]').filter({ hasText: 'LIVE1' }).count()).toBe(0);
    // Checked once the list has loaded: the half-faded "loading" table is not what users read.
    await work.locator('.ant-table .ant-spin-spinning').waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(work)).toEqual([]);

    const periodPage = await clerk.context.newPage();
    await periodPage.goto(`/periods/${period.id}`);
    await periodPage.getByTestId('period-status').filter({ hasText: '待客户确认' }).waitFor();
    await periodPage.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    expect(await periodPage.getByTestId('live-state').innerText()).toBe('实时');

    await markLoad(work);
    await markLoad(periodPage);
    const workNavigations = countNavigations(work);
    const periodNavigations = countNavigations(periodPage);

    // The customer opens the link from the e-mail on a phone and disputes line 2.
    const customer = await newContext(stack.browser, stack.baseUrl, 'en-US', PHONE);
    const phone = await customer.context.newPage();
    const url = new URL(link.url);
    await phone.goto(`${url.pathname}${url.search}`);
    await phone.getByRole('heading', { name: 'Statement confirmation' }).waitFor();
    await phone.getByRole('checkbox', { name: 'Select line 2' }).check();
    await phone.getByLabel('Amount of line 2 in your books (optional)').fill('300.00');
    await phone.getByLabel('Why do you dispute them?').fill('INV-002 is 300.00 in our books');
    await phone.getByRole('button', { name: 'Send the dispute' }).click();
    await phone.getByRole('heading', { name: 'Thank you, we have your answer' }).waitFor();

    // Back in review, with a task for the clerks: the workflow took the answer as an Update.
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW);

    // The open My work shows the new task, and the open period its new status: no reload, no navigation.
    await work.locator('tr[data-row-key]').filter({ hasText: DISPUTE_TASK }).waitFor({ timeout: 20_000 });
    expect(await work.locator('tr[data-row-key]').filter({ hasText: DISPUTE_TASK }).innerText()).toContain(
      'LIVE1',
    );
    await periodPage.getByTestId('period-status').filter({ hasText: '复核中' }).waitFor({ timeout: 20_000 });
    // The timeline, read again live too, says what the customer did.
    await periodPage.getByText('客户对部分记录有异议').first().waitFor();

    expect(await loadMark(work)).toBe('still here');
    expect(await loadMark(periodPage)).toBe('still here');
    expect(workNavigations.count).toBe(0);
    expect(periodNavigations.count).toBe(0);
    expect(work.url()).toMatch(/\/work$/);
    expect(periodPage.url()).toMatch(new RegExp(`/periods/${period.id}$`));

    // The clerk claims the task: the period page hears of it, but a claim changes nothing it shows,
    // so it reads nothing again (no thousands of lines re-read for a colleague's claim).
    const periodReads: string[] = [];
    periodPage.on('request', (request) => {
      if (request.url().endsWith('/graphql'))
        periodReads.push((request.postDataJSON() as { operationName?: string }).operationName ?? '?');
    });
    const taskRow = work.locator('tr[data-row-key]').filter({ hasText: DISPUTE_TASK });
    await taskRow.getByRole('button', { name: '认领' }).click();
    await taskRow.getByText('我已认领').waitFor();
    await periodPage.waitForTimeout(1500);
    expect(periodReads).toEqual([]);

    expect(clerk.problems.list).toEqual([]);
    expect(customer.problems.list).toEqual([]);
    await customer.context.close();
    await clerk.context.close();
  }, 150_000);
});
