import type { Page, Route } from 'playwright-core';
import { PeriodStatus, TaskQueue, TaskStatus, TaskType } from '../../contract/enums';
import { Task } from '../../entities/task.entity';
import { seedCustomer, type Line } from '../support/fixtures';
import { countOperations, newContext, seriousAccessibilityViolations, textLines } from './support/browser';
import { STAFF, STAFF_PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

const ZH = { email: '邮箱', password: '密码', submit: '登录' };
const EN = { email: 'E-mail', password: 'Password', submit: 'Sign in' };

async function signIn(page: Page, email: string, labels: typeof ZH) {
  await page.goto('/login?next=%2Fwork');
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.waitForURL(/\/work$/);
}

/** The table row of a task, by its title. */
const rowOf = (page: Page, title: string) => page.locator('tr[data-row-key]').filter({ hasText: title });
const selectedRow = (page: Page) => page.locator('tr.ant-table-row-selected');

/**
 * Presses j, then k, until the selected row is the task's: the list is in SLA order, which the test
 * does not assume, so the task may be above or below the selection (j and k stop at the ends).
 */
async function moveTo(page: Page, title: string) {
  for (const key of ['j', 'k']) {
    for (let step = 0; step < 20; step++) {
      if ((await selectedRow(page).innerText()).includes(title)) return;
      await page.keyboard.press(key);
    }
  }
  throw new Error(
    `never reached ${title}: ${JSON.stringify(await page.locator('tr[data-row-key]').allInnerTexts())} url=${page.url()}`,
  );
}

const DISPUTE = '客户异议 INV-9001 金额不符';
const SUGGESTION = '建议匹配 RCPT-9002';

describe('in the browser: My work (the clerk’s task queue)', () => {
  let stack: BrowserStack;
  let periodId: string;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_work');
    const ds = stack.harness.db.dataSource;
    const ours: Line[] = [
      { id: 'a', date: '2026-10-05', ref: 'INV-A', kind: 'INVOICE', amount: '100.00' },
      { id: 'b', date: '2026-10-06', ref: 'INV-B', kind: 'INVOICE', amount: '200.00' },
    ];
    await seedCustomer(ds, 'WK1', ours, []);
    const opened = await stack.harness.periods.openPeriod('WK1', '2026-10-01', '2026-10-31');
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW);
    // The workflow raised a task per unmatched line; two more kinds join them on the same period.
    const [raised] = await ds.getRepository(Task).findBy({ workflowId: opened.workflowId });
    periodId = raised.periodId!; // a period's task has its period
    const more = [
      {
        title: DISPUTE,
        type: TaskType.CUSTOMER_DISPUTE,
        dueAt: new Date(Date.now() - 3_600_000),
        priority: 5,
      },
      {
        title: SUGGESTION,
        type: TaskType.REVIEW_SUGGESTION,
        dueAt: new Date(Date.now() + 7_200_000),
        priority: 0,
      },
    ];
    for (const task of more)
      await ds.getRepository(Task).save({
        ...task,
        periodId,
        workflowId: opened.workflowId,
        idempotencyKey: `e2e-work-${task.type}`,
        queue: TaskQueue.CLERK,
        matchGroupId: task.type === TaskType.REVIEW_SUGGESTION ? '4242' : null,
      });
  }, 240_000);

  afterAll(() => stack?.stop());

  it('a clerk sees counts, filters by kind, claims next with the keyboard, opens it and releases it (zh)', async () => {
    const tasks = await stack.harness.db.dataSource
      .getRepository(Task)
      .findBy({ periodId, status: TaskStatus.OPEN });
    expect(tasks).toHaveLength(4);
    const overdue = tasks.filter((task) => task.dueAt.getTime() < Date.now()).length;

    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, STAFF.clerk.email, ZH);
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    const menu = page.getByRole('navigation', { name: '主菜单' });
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual([
      '首页',
      '我的工作',
      '对账期间',
      '信用管理',
      '催款',
      '映射模板',
    ]);
    await page.getByTestId('count-total').getByText('4', { exact: true }).waitFor();
    expect(await page.getByTestId('count-overdue').innerText()).toContain(String(overdue));
    expect(await page.getByTestId('count-mine').innerText()).toContain('0');
    expect(await page.getByTestId('count-CUSTOMER_DISPUTE').innerText()).toContain('1');
    await rowOf(page, DISPUTE).waitFor();
    expect(await page.locator('tr[data-row-key]').count()).toBe(4);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Short cells stay on one line: a narrow column broke 待认领 ("unclaimed") into three lines.
    const row = rowOf(page, DISPUTE);
    for (const text of ['待认领', '2026-10', '客户异议']) {
      const lines = await textLines(row.getByRole('cell', { name: text, exact: true }));
      expect({ text, lines }).toEqual({ text, lines: 1 });
    }
    // On a wide screen the menu is open and has no fold button over the page's corner; on a
    // phone it folds away behind that button.
    const foldButton = page.locator('.ant-layout-sider-zero-width-trigger');
    expect(await foldButton.count()).toBe(0);
    await page.setViewportSize({ width: 390, height: 844 });
    await foldButton.waitFor();
    await page.locator('.ant-layout-sider-collapsed').waitFor();
    await foldButton.click();
    await page.locator('.ant-layout-sider-collapsed').waitFor({ state: 'detached' });
    await menu.getByRole('menuitem', { name: '对账期间' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    await foldButton.waitFor({ state: 'detached' });

    // Opened again (a new tab of the signed-in browser): the page's reads leave with the page
    // (its first script, build/early-reads.ts), before the session query, once each, and the page
    // shows their answers.
    const again = await context.newPage();
    const sent: string[] = [];
    again.on('request', (request) => {
      if (request.method() !== 'POST' || !request.url().endsWith('/graphql')) return;
      sent.push((request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '?');
    });
    await again.goto('/work');
    await again.getByTestId('count-total').getByText('4', { exact: true }).waitFor();
    await rowOf(again, DISPUTE).waitFor();
    expect(sent.slice(0, 3).sort()).toEqual(['CurrentUser', 'MyTaskCounts', 'WorkTasks']);
    expect(sent.indexOf('WorkTasks')).toBeLessThan(sent.indexOf('CurrentUser'));
    expect(sent.indexOf('MyTaskCounts')).toBeLessThan(sent.indexOf('CurrentUser'));
    expect(sent.filter((name) => name === 'WorkTasks')).toHaveLength(1);
    expect(sent.filter((name) => name === 'MyTaskCounts')).toHaveLength(1);
    // The session query is sent as the app starts, once (the session provider takes its answer).
    expect(sent.filter((name) => name === 'CurrentUser')).toHaveLength(1);
    await again.close();
    // A short window draws at first only the rows that can be on screen below the list's top (at
    // least 240 px down: three rows at most in 340 px), and the fourth once that is on screen.
    const short = await context.newPage();
    await short.setViewportSize({ width: 1280, height: 340 });
    await short.addInitScript(() => {
      const observer = new MutationObserver(() => {
        const rows = document.querySelectorAll('tr[data-row-key]').length;
        if (!rows) return;
        (window as unknown as { firstRows?: number }).firstRows = rows;
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await short.goto('/work');
    await short.waitForFunction(() => document.querySelectorAll('tr[data-row-key]').length === 4);
    expect(await short.evaluate(() => (window as unknown as { firstRows?: number }).firstRows)).toBe(3);
    // The count's premise: even on a wide window (nothing above the list wraps) the first row is
    // at least 240 px down.
    await short.setViewportSize({ width: 1920, height: 1080 });
    expect((await short.locator('tr[data-row-key]').first().boundingBox())!.y).toBeGreaterThanOrEqual(240);
    await short.close();
    // The page served for /work names its chunks (the frame's, the page's) as module preloads.
    const served = await (await context.request.get('/work')).text();
    expect(served).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/WorkPage-[\w-]+\.js">/);
    expect(served).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/AppLayout-[\w-]+\.js">/);
    // …and its first script, which sends the reads above before the app's scripts have run.
    expect(served).toMatch(/<head>\s*<script async src="\/assets\/early-reads-\w+\.js"/);

    // Filter by kind: only the customer's dispute is left.
    await page.getByLabel('任务类型').click();
    await page.locator('.ant-select-item-option[title="客户异议"]').click();
    await page.waitForFunction(() => document.querySelectorAll('tr[data-row-key]').length === 1);
    expect(await page.locator('tr[data-row-key]').allInnerTexts()).toEqual([
      expect.stringContaining(DISPUTE),
    ]);

    // n claims the next task of what the filters show; it becomes mine and stays selected.
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    const operations = countOperations(page);
    await page.locator('h2').click();
    await page.keyboard.press('n');
    await page
      .getByRole('alert')
      .filter({ hasText: `您已认领“${DISPUTE}”。` })
      .waitFor();
    await rowOf(page, DISPUTE).getByText('我已认领').waitFor();
    await page.getByTestId('count-mine').getByText('1', { exact: true }).waitFor();
    expect(await selectedRow(page).innerText()).toContain(DISPUTE);
    // The list and the counts are read once after the claim: its own live event (the audit tail
    // polls every 250 ms) does not read them a second time.
    await page.waitForTimeout(2_000);
    expect(operations.sent()).toEqual({ ClaimNextTask: 1, MyTaskCounts: 1, WorkTasks: 1 });

    // Enter opens its period's page.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/periods/${periodId}$`));
    await page.goBack();
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    await rowOf(page, DISPUTE).waitFor();
    // The filter lives in the address: back from the period it is still set.
    expect(new URL(page.url()).searchParams.get('kind')).toBe('CUSTOMER_DISPUTE');
    expect(await page.locator('tr[data-row-key]').count()).toBe(1);

    // j moves to it in the whole list; r releases it.
    await moveTo(page, DISPUTE);
    await page.keyboard.press('r');
    await page
      .getByRole('alert')
      .filter({ hasText: `您已释放“${DISPUTE}”，它已回到队列中。` })
      .waitFor();
    await rowOf(page, DISPUTE).getByText('待认领').waitFor();
    // Back from the period the kind filter is still set; a fresh visit shows every task again.
    await page.goto(new URL('/work', page.url()).toString());
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('tr[data-row-key]').length === 4);
    // A suggestion's link opens the period at the suggestion; k and j move back and forth.
    await moveTo(page, SUGGESTION);
    expect(await rowOf(page, SUGGESTION).getByRole('link').getAttribute('href')).toBe(
      `/periods/${periodId}?suggestion=4242`,
    );
    const before = await selectedRow(page).getAttribute('data-row-key');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    expect(await selectedRow(page).getAttribute('data-row-key')).toBe(before);
    const claimed = await stack.harness.db.dataSource
      .getRepository(Task)
      .countBy({ status: TaskStatus.CLAIMED });
    expect(claimed).toBe(0);

    // A shared link opens the same filtered list; back shows them all again.
    await page.goto(new URL('/work?kind=REVIEW_SUGGESTION&scope=UNCLAIMED', page.url()).toString());
    await page.waitForFunction(() => document.querySelectorAll('tr[data-row-key]').length === 1);
    await rowOf(page, SUGGESTION).waitFor();
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('tr[data-row-key]').length === 4);
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('a second clerk who loses a claim race reads why, in plain words (en)', async () => {
    const first = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const second = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const li = await first.context.newPage();
    const zhou = await second.context.newPage();
    await signIn(li, STAFF.clerk.email, EN);
    await signIn(zhou, STAFF.clerk2.email, EN);
    await li.getByRole('heading', { name: 'My work' }).waitFor();
    await rowOf(zhou, SUGGESTION).getByRole('button', { name: 'Claim' }).waitFor();
    expect(await seriousAccessibilityViolations(zhou)).toEqual([]);
    // Zhou's list stays as it is until the claim below was answered (its live refresh would
    // otherwise read Li's claim first): Zhou's reads of the list wait here meanwhile.
    const heldReads: Route[] = [];
    let holding = true;
    await zhou.route('**/graphql', async (route) => {
      const operation = (route.request().postDataJSON() as { operationName?: string } | null)?.operationName;
      if (holding && operation === 'WorkTasks') heldReads.push(route);
      else await route.continue();
    });

    // Li claims the suggestion with the keyboard; Zhou's list still shows it open, and Zhou claims it too.
    await rowOf(li, SUGGESTION).waitFor();
    await moveTo(li, SUGGESTION);
    await li.keyboard.press('c');
    await li
      .getByRole('alert')
      .filter({ hasText: `You claimed “${SUGGESTION}”.` })
      .waitFor();
    await rowOf(zhou, SUGGESTION).getByRole('button', { name: 'Claim' }).click();
    await zhou
      .getByRole('alert')
      .filter({
        hasText: 'Another clerk claimed this task a moment before you. The list now shows who has what.',
      })
      .waitFor();
    holding = false;
    for (const read of heldReads) await read.continue();
    // Zhou's list is read again at once: Li's task is no longer among Zhou's work.
    await rowOf(zhou, SUGGESTION).waitFor({ state: 'detached' });
    const task = await stack.harness.db.dataSource.getRepository(Task).findOneByOrFail({ title: SUGGESTION });
    expect(task).toMatchObject({ status: TaskStatus.CLAIMED, assigneeId: stack.userIds.clerk });
    await rowOf(li, SUGGESTION).getByText('Claimed by me').waitFor();
    expect(first.problems.list).toEqual([]);
    // The refused claim is a GraphQL answer, not a page error; nothing else may go wrong.
    expect(second.problems.list).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it('filters by customer code and by due time, and says so when no customer has the code (en)', async () => {
    // A second customer with one line of ours the customer never booked: one more task, not WK1's.
    const ds = stack.harness.db.dataSource;
    await seedCustomer(
      ds,
      'WK2',
      [{ id: 'c', date: '2026-10-07', ref: 'INV-C', kind: 'INVOICE', amount: '50.00' }],
      [],
    );
    const other = await stack.harness.periods.openPeriod('WK2', '2026-10-01', '2026-10-31');
    await stack.harness.waitForStatus(other.workflowId, PeriodStatus.IN_REVIEW);
    const open = await ds
      .getRepository(Task)
      .find({ where: [{ status: TaskStatus.OPEN }, { status: TaskStatus.CLAIMED }] });
    const wk2 = open.filter((task) => task.workflowId === other.workflowId);
    expect(wk2.length).toBeGreaterThanOrEqual(1);

    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, STAFF.clerk.email, EN);
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    const rows = page.locator('tr[data-row-key]');
    await page.waitForFunction(
      (n) => document.querySelectorAll('tr[data-row-key]').length === n,
      open.length,
    );

    // The customer's code, typed as a clerk would (lower case): only WK2's tasks.
    const customer = page.getByRole('searchbox', { name: 'Customer code' });
    await customer.fill('wk2');
    await customer.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('tr[data-row-key]').length === n, wk2.length);
    for (const text of await rows.allInnerTexts()) expect(text).toContain('WK2');
    expect(new URL(page.url()).searchParams.get('customer')).toBe('wk2');
    await page.getByTestId('count-total').waitFor();

    // Overdue only, every customer: WK1's dispute (due an hour ago) is the one.
    await customer.fill('');
    await customer.press('Enter');
    await page.getByLabel('Due').click();
    await page.locator('.ant-select-item-option[title="Overdue"]').click();
    await page.waitForFunction(() => document.querySelectorAll('tr[data-row-key]').length === 1);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining(DISPUTE)]);
    expect(new URL(page.url()).searchParams.get('due')).toBe('OVERDUE');
    // axe once the chosen option's dropdown has closed: antd's listbox, fading out, has no name of its own.
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A code no customer has: said in words, not an empty list that looks like no work.
    await customer.fill('NOPE');
    await customer.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'There is no customer with this code.' }).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('an auditor has no work queue: no menu entry, and the page is not theirs', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel(EN.email).fill(STAFF.auditor.email);
    await page.getByLabel(EN.password).fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: EN.submit }).click();
    const menu = page.getByRole('navigation', { name: 'Main menu' });
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allInnerTexts()).not.toContain('My work');
    await page.goto('/work');
    await page.getByText('Not allowed').waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
