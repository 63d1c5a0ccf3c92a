import { readFileSync } from 'node:fs';
import { signCustomerLink } from '../../auth/customer-link';
import { PeriodStatus } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { newContext, seriousAccessibilityViolations, type PageProblems } from './support/browser';
import { STAFF, STAFF_PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

const PHONE = { width: 390, height: 844 };

/** The browser's own note on a refused request (the page shows its own sentence for it). */
const refusedRequest = (line: string) =>
  /Failed to load resource: the server responded with a status of 401/.test(line);

describe("in the browser: the customer's confirmation page (/confirm?token=…)", () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_confirm');
    for (const code of ['WEB1', 'WEB2', 'WEB3', 'WEB4'])
      await seedCustomer(stack.harness.db.dataSource, code, CLEAN_LINES, CLEAN_LINES);
  }, 180_000);

  afterAll(() => stack?.stop());

  async function periodAwaitingCustomer(code: string) {
    const opened = await stack.harness.periods.openPeriod(code, '2026-10-01', '2026-10-31');
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.AWAITING_CUSTOMER);
    const period = await stack.harness.db.dataSource
      .getRepository(ReconciliationPeriod)
      .findOneByOrFail({ workflowId: opened.workflowId });
    const link = await linkFromOutbox(stack.harness.db.dataSource, stack.harness.outbox, period.id);
    const url = new URL(link.url);
    return { workflowId: opened.workflowId, periodId: period.id, path: `${url.pathname}${url.search}`, link };
  }

  const expectNoProblems = (problems: PageProblems) => expect(problems.list).toEqual([]);

  it('(1) the customer opens the e-mailed link on a phone, disputes one line; the clerk finds the period back in review with a task', async () => {
    const { workflowId, periodId, path } = await periodAwaitingCustomer('WEB1');
    // A clerk has the periods list open, live, while the customer answers.
    const clerk = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const clerkPage = await clerk.context.newPage();
    await clerkPage.goto('/login');
    await clerkPage.getByLabel('邮箱').fill(STAFF.clerk.email);
    await clerkPage.getByLabel('密码').fill(STAFF_PASSWORD);
    await clerkPage.getByRole('button', { name: '登录' }).click();
    await clerkPage.getByTestId('current-user').waitFor();
    await clerkPage.goto('/periods');
    const row = clerkPage.getByRole('row').filter({ hasText: 'WEB1' });
    await row.filter({ hasText: '待客户确认' }).waitFor();
    await clerkPage.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    // A mark on this very document: a reload would lose it.
    await clerkPage.evaluate(() => ((window as unknown as { sameDocument?: boolean }).sameDocument = true));
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN', PHONE);
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['referrer-policy']).toBe('no-referrer');
    expect(response!.headers()['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);

    // The statement as the PDF prints it, in Chinese: lines, balances, the balance in 大写.
    await page.getByRole('heading', { name: '对账单确认' }).waitFor();
    expect(await page.getByTestId('closing-balance').innerText()).toBe('300.25');
    expect(await page.getByTestId('closing-words').innerText()).toBe('人民币叁佰元贰角伍分');
    expect(await page.locator('li.confirm-line').count()).toBe(3);
    await page.getByText('INV-002', { exact: false }).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The PDF, with the same link.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    // In English, the same statement; the customer disputes line 2 with the amount in their books.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Statement confirmation' }).waitFor();
    expect(await page.getByTestId('closing-words').innerText()).toBe('CNY three hundred and 25/100');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('checkbox', { name: 'Select line 2' }).check();
    await page.getByLabel('Amount of line 2 in your books (optional)').fill('300.00');
    await page.getByLabel('Why do you dispute them?').fill('We booked INV-002 at 300.00');
    await page.getByRole('button', { name: 'Send the dispute' }).click();

    // The receipt, straight away and whenever the link is opened again.
    await page.getByRole('heading', { name: 'Thank you, we have your answer' }).waitFor();
    await page.getByText('You disputed 1 line(s).', { exact: false }).waitFor();
    await page.getByText('2. We booked INV-002 at 300.00 (300.00)').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.reload();
    await page.getByRole('heading', { name: 'Thank you, we have your answer' }).waitFor();
    expect(await page.getByRole('button', { name: 'Send the dispute' }).count()).toBe(0);
    expectNoProblems(problems);

    // The answer reached the workflow as the mutation's Update does: back in review, with a task.
    await stack.harness.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    // The clerk's /periods list, open since before the answer, shows it without a reload.
    await row.filter({ hasText: '复核中' }).waitFor({ timeout: 30_000 });
    expect(
      await clerkPage.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    const tasks = await clerkPage.evaluate(async (id) => {
      const answer = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-recon-csrf': '1' },
        body: JSON.stringify({
          query: `{ period(id: "${id}") { tasks { edges { node { title status titleKind titleParams } } } } }`,
        }),
      });
      type Tasks = {
        edges: Array<{ node: { title: string; status: string; titleKind: string; titleParams: unknown } }>;
      };
      return ((await answer.json()) as { data: { period: { tasks: Tasks } } }).data.period.tasks.edges.map(
        (edge) => edge.node,
      );
    }, periodId);
    // The English title for integrators, and the same as data for each reader's language.
    expect(tasks).toContainEqual({
      title: 'Customer disputes a line: We booked INV-002 at 300.00',
      status: 'OPEN',
      titleKind: 'DISPUTE',
      titleParams: { comment: 'We booked INV-002 at 300.00' },
    });
    expectNoProblems(clerk.problems);
    await clerk.context.close();
    await context.close();
  }, 120_000);

  it('the customer uploads their own statement file: a bad one names row and column, a good one reaches the clerk’s timeline', async () => {
    const { periodId, path } = await periodAwaitingCustomer('WEB3');
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN', PHONE);
    const page = await context.newPage();
    await page.goto(path);
    await page.getByRole('heading', { name: '发送您方的对账单（可选）' }).waitFor();

    // The blank template, headed in the page's language.
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载空白模板（CSV）' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('对账单模板.csv');
    const templateText = readFileSync((await template.path())!, 'utf8');
    expect(templateText).toBe('\uFEFF日期,单据号,参考号,摘要,金额\r\n');

    // A file with mistakes: nothing is taken, and each row and column at fault is named.
    const bad = [
      '日期,单据号,参考号,摘要,金额',
      '2026-10-03,INV-001,,货款,12O0.50',
      '2026-11-02,INV-002,,货款,300.25',
    ].join('\n');
    await page
      .getByLabel('贵方对账单文件')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: '发送文件' }).click();
    await page.getByText('文件未被接收（2 行有问题）', { exact: false }).waitFor();
    const issues = await page.getByTestId('upload-issues').locator('li').allInnerTexts();
    expect(issues).toEqual([
      '第 2 行，金额 列：不是有效金额（如 1200.50 或 -300.00）（“12O0.50”）',
      '第 3 行，日期 列：日期不在本对账单期间内（2026-10-01 至 2026-10-31）（“2026-11-02”）',
    ]);
    // Away from the button just clicked: axe judges its hover colour otherwise, not what a reader sees.
    await page.mouse.move(0, 0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The corrected file, in English this time: taken, and said so.
    await page.getByText('English', { exact: true }).click();
    const good = [
      'Date,Document,Reference,Description,Amount',
      '2026-10-03,INV-001,,Goods,1200.50',
      '2026-10-09,INV-002,,Goods,300.00',
      '2026-10-20,RCPT-001,,Payment,-1200.50',
    ].join('\n');
    await page
      .getByLabel('Your statement file')
      .setInputFiles({ name: 'ours.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Send the file' }).click();
    await page
      .getByText('We received ours.csv: 3 line(s), closing balance 300.00 CNY by your file.', {
        exact: false,
      })
      .waitFor();
    await page.mouse.move(0, 0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The browser notes the refused file's 422 itself; nothing else went wrong on the page.
    expect(problems.list.filter((line) => !/status of 422/.test(line))).toEqual([]);

    // Audited as the customer on the period; the clerk reads it on the period's timeline.
    const rows = (await stack.harness.db.dataSource.query(
      "SELECT action, actor_id AS actorId FROM audit_events WHERE period_id = ? AND action LIKE 'statement.re%' ORDER BY id",
      [periodId],
    )) as Array<{ action: string; actorId: string }>;
    expect(rows).toContainEqual({ action: 'statement.replaced', actorId: 'customer:WEB3' });
    const clerk = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const clerkPage = await clerk.context.newPage();
    await clerkPage.goto('/login');
    await clerkPage.getByLabel('邮箱').fill(STAFF.clerk.email);
    await clerkPage.getByLabel('密码').fill(STAFF_PASSWORD);
    await clerkPage.getByRole('button', { name: '登录' }).click();
    await clerkPage.getByTestId('current-user').waitFor();
    await clerkPage.goto(`/periods/${periodId}`);
    await clerkPage.getByText('客户对账单已由新文件替换').waitFor();
    expectNoProblems(clerk.problems);
    await clerk.context.close();
    await context.close();
  }, 120_000);

  it('the customer confirms the balance on a phone (zh): a receipt, the period closes, the link then shows the receipt only', async () => {
    const { workflowId, path } = await periodAwaitingCustomer('WEB4');
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN', PHONE);
    const page = await context.newPage();
    await page.goto(path);
    await page.getByRole('heading', { name: '对账单确认' }).waitFor();
    // Nothing of the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await page.getByRole('button', { name: '确认余额无误' }).click();
    const dialog = page.getByRole('dialog', { name: '确认期末余额 300.25 CNY 无误？' });
    await dialog.getByLabel('备注（可选）').fill('与我方账面一致 agreed');
    await dialog.getByRole('button', { name: '确认' }).click();
    await page.getByRole('heading', { name: '已收到您的答复' }).waitFor();
    await page.getByText('您已确认期末余额 300.25 CNY。谢谢！').waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The answer reached the workflow: confirmed, the period closes.
    await stack.harness.waitForStatus(workflowId, PeriodStatus.CLOSED, 60_000);
    // The same link later: the receipt, nothing more to answer, in English too.
    await page.reload();
    await page.getByRole('heading', { name: '已收到您的答复' }).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('You confirmed the closing balance of 300.25 CNY. Thank you!').waitFor();
    expect(await page.getByRole('button', { name: 'Confirm the balance' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send the dispute' }).count()).toBe(0);
    expectNoProblems(problems);
    await context.close();
  }, 120_000);

  it('(4) an expired, a forged and an incomplete link get a page that says what to do, in both languages', async () => {
    const { periodId, link } = await periodAwaitingCustomer('WEB2');
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN', PHONE);
    const page = await context.newPage();

    const expired = signCustomerLink(stack.harness.linkSecret, {
      periodId,
      customerCode: 'WEB2',
      round: 1,
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    await page.goto(`/confirm?token=${encodeURIComponent(expired)}`);
    await page.getByRole('heading', { name: '链接已过期' }).waitFor();
    await page.getByText('索取新的对账单链接', { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [body] = link.token.split('.');
    await page.goto(`/confirm?token=${encodeURIComponent(`${body}.${'A'.repeat(43)}`)}`);
    await page.getByRole('heading', { name: '链接无效' }).waitFor();
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await page.getByText('Use the link in the latest statement e-mail', { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto('/confirm');
    await page.getByRole('heading', { name: 'The link is incomplete' }).waitFor();
    expect(await page.locator('body').innerText()).not.toMatch(/at \w+ \(|Error:|stack/i);

    // The browser notes each refused request; nothing else went wrong on the page.
    expect(problems.list.filter((line) => !refusedRequest(line))).toEqual([]);
    // The period still waits for the customer: nothing was answered with a bad link.
    const [row] = (await stack.harness.db.dataSource.query(
      'SELECT status FROM reconciliation_periods WHERE id = ?',
      [periodId],
    )) as Array<{ status: string }>;
    expect(row.status).toBe(PeriodStatus.AWAITING_CUSTOMER);
    await context.close();
  }, 120_000);
});
