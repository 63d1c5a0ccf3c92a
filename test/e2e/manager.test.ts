import type { Page } from 'playwright-core';
import { confirmStatement, completeReview, getPeriodState, proposeAdjustment } from '../../contract/period';
import { AdjustmentStatus, DifferenceStatus, PeriodStatus, UserRole } from '../../contract/enums';
import { Adjustment } from '../../entities/adjustment.entity';
import { Customer } from '../../entities/customer.entity';
import { Difference } from '../../entities/difference.entity';
import { LedgerEntry } from '../../entities/ledger-entry.entity';
import { customerActor, userActor } from '../support/actors';
import { seedCustomer, type Line } from '../support/fixtures';
import { newContext, seriousAccessibilityViolations, textLines } from './support/browser';
import { type BrowserStack, EN, graphqlAs, signIn, STAFF, startBrowserStack, ZH } from './support/stack';

const INVOICE: Line = { id: 'inv', date: '2026-10-03', ref: 'INV-300', kind: 'INVOICE', amount: '1000.00' };
const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-3', kind: 'OTHER', amount: '-15.00' };
const UNBOOKED: Line = { id: 'inv2', date: '2026-10-20', ref: 'INV-301', kind: 'INVOICE', amount: '5000.00' };

describe('in the browser: the manager’s approvals (maker ≠ checker, two managers, the period closes) and dashboard', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_manager');
  }, 180_000);

  afterAll(() => stack?.stop());

  it('a manager cannot approve their own; above the dual threshold two managers approve; the period closes', async () => {
    const { harness: h, userIds } = stack;
    // Our books miss a bank fee and an invoice the customer has; a manager needs above 100, two above 1,000.
    await seedCustomer(h.db.dataSource, 'MGR', [INVOICE], [INVOICE, FEE, UNBOOKED]);
    await h.db.dataSource.getRepository(Customer).update(
      { code: 'MGR' },
      {
        workflowSettings: {
          reminderAfterSeconds: 3600,
          escalateAfterSeconds: 7200,
          managerApprovalThreshold: '100',
          dualApprovalThreshold: '1000',
        },
      },
    );
    const { workflowId, period } = await h.periods.openPeriod('MGR', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);
    const differences = await h.db.dataSource.getRepository(Difference).findBy({ periodId: period.id });
    const feeDifference = differences.find((d) => d.amount.toFixed(2) === '-15.00')!;
    const invoiceDifference = differences.find((d) => d.amount.toFixed(2) === '5000.00')!;
    const wang = userActor(userIds.manager, UserRole.MANAGER, STAFF.manager.name);
    const li = userActor(userIds.clerk, UserRole.CLERK, STAFF.clerk.name);
    // Manager Wang books the fee himself; clerk Li books the missing invoice.
    await handle.executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: wang,
          amount: '-15.00',
          entryDate: '2026-10-31',
          reason: '银行手续费 bank fee',
          differenceId: feeDifference.id,
        },
      ],
    });
    await handle.executeUpdate(proposeAdjustment, {
      args: [
        {
          actor: li,
          amount: '5000.00',
          entryDate: '2026-10-20',
          reason:
            '漏记发票 INV-301 invoice never booked: on their statement, not in our ledger at all, confirmed with the sales team and the customer by phone',
          differenceId: invoiceDifference.id,
        },
      ],
    });
    // Wang also proposed one by mistake: he takes it back from the approvals page below.
    await handle.executeUpdate(proposeAdjustment, {
      args: [{ actor: wang, amount: '-1.00', entryDate: '2026-10-31', reason: '误提 proposed by mistake' }],
    });
    await handle.executeUpdate(completeReview, { args: [{ actor: li }] });
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_APPROVAL);

    // Wang, in Chinese: his own proposal is blocked and says why; he approves Li's, which needs one more.
    const zh = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const wangPage = await zh.context.newPage();
    await signIn(wangPage, 'manager', ZH, '/approvals');
    await wangPage.waitForURL(/\/approvals$/);
    await wangPage.getByRole('heading', { name: '待审批的调整' }).waitFor();
    const fee = wangPage.locator('[data-testid^="adjustment-"]').filter({ hasText: '银行手续费' });
    const invoice = wangPage.locator('[data-testid^="adjustment-"]').filter({ hasText: '漏记发票' });
    await fee.waitFor();
    expect(await fee.getByRole('button', { name: '批准' }).isDisabled()).toBe(true);
    expect(await fee.getByRole('button', { name: '驳回' }).isDisabled()).toBe(true);
    await fee.getByText('这是您本人提出的调整，不能由您审批').waitFor();
    await fee.getByText(STAFF.manager.name).waitFor();
    // Only the proposer's own pending adjustments can be withdrawn; he withdraws the mistaken one.
    expect(await invoice.getByRole('button', { name: '撤回' }).count()).toBe(0);
    const mistake = wangPage.locator('[data-testid^="adjustment-"]').filter({ hasText: '误提' });
    await mistake.getByRole('button', { name: '撤回' }).click();
    await wangPage.getByRole('dialog').getByLabel('意见（可选）').fill('提错了');
    await wangPage.getByRole('dialog').getByRole('button', { name: '撤回' }).click();
    await wangPage.getByRole('status').filter({ hasText: '已撤回该调整。' }).waitFor();
    await mistake.waitFor({ state: 'detached' });
    expect(
      await h.db.dataSource
        .getRepository(Adjustment)
        .countBy({ periodId: period.id, status: AdjustmentStatus.WITHDRAWN }),
    ).toBe(1);
    await invoice.getByText('金额超过双人阈值：需两位不同的经理审批').waitFor();
    await invoice.getByText('已审批 0/2').waitFor();
    // Their closing is 5,985, ours 1,000: the invoice alone leaves the fee, −15.00, open.
    await invoice.getByText('过账后仍差 -15.00').waitFor();
    await invoice.getByText(STAFF.clerk.name).waitFor();
    // The short facts read on one line each, beside a long reason (they were squeezed to a few
    // characters a line: "-15.", "00", "USD").
    for (const fact of ['5,000.00 CNY', STAFF.clerk.name, '2026-10-20']) {
      const lines = await textLines(
        invoice.locator('.ant-descriptions-item-content').filter({ hasText: fact }),
      );
      expect({ fact, lines }).toEqual({ fact, lines: 1 });
    }
    expect(await seriousAccessibilityViolations(wangPage)).toEqual([]);
    if (process.env.SCREENSHOT_DIR)
      await wangPage.screenshot({ path: `${process.env.SCREENSHOT_DIR}/approvals.png`, fullPage: true });

    await invoice.getByRole('button', { name: '批准' }).click();
    const dialog = wangPage.getByRole('dialog');
    await dialog.getByLabel('意见（可选）').fill('已核对发票 checked the invoice');
    // Checked once the dialog has finished zooming in (half-faded colours are not what users read).
    await wangPage.waitForFunction(() => {
      const modal = document.querySelector('.ant-modal');
      return !!modal && !/zoom/.test(modal.className) && getComputedStyle(modal).opacity === '1';
    });
    expect(await seriousAccessibilityViolations(wangPage)).toEqual([]);
    await dialog.getByRole('button', { name: '批准' }).click();
    await wangPage.getByRole('status').filter({ hasText: '已批准。' }).waitFor();
    await invoice.getByText('已审批 1/2').waitFor();
    await invoice.getByText('您已审批过这笔调整；第二次审批须由另一位经理完成。').waitFor();
    await invoice.getByText('已核对发票 checked the invoice').waitFor();
    expect(await invoice.getByRole('button', { name: '批准' }).isDisabled()).toBe(true);
    expect(await h.db.dataSource.getRepository(LedgerEntry).countBy({ customerId: period.customerId })).toBe(
      1,
    );
    expect(zh.problems.list).toEqual([]);

    // Chen, in English: approves both; each posts, and the period matches again on its own.
    const en = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const chenPage = await en.context.newPage();
    await signIn(chenPage, 'manager2', EN, '/approvals');
    await chenPage.getByRole('heading', { name: 'Adjustments to approve' }).waitFor();
    const enInvoice = chenPage.locator('[data-testid^="adjustment-"]').filter({ hasText: 'INV-301' });
    await enInvoice.getByText('1 of 2 approvals').waitFor();
    await enInvoice.getByText(`Approved by ${STAFF.manager.name}`, { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations(chenPage)).toEqual([]);
    await enInvoice.getByRole('button', { name: 'Approve' }).click();
    await chenPage.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expectDecided(chenPage, 'Approved and posted');

    const enFee = chenPage.locator('[data-testid^="adjustment-"]').filter({ hasText: 'bank fee' });
    await enFee.getByRole('button', { name: 'Approve' }).click();
    await chenPage.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await expectDecided(chenPage, 'Approved and posted');
    await chenPage.getByText('No adjustment is waiting for approval.').waitFor();
    // Wang's page, open all along, follows Chen's decisions live: nothing waits any more.
    await wangPage.getByText('没有等待审批的调整。').waitFor({ timeout: 20_000 });
    expect(await wangPage.getByTestId('live-state').getAttribute('data-state')).toBe('live');
    expect(await seriousAccessibilityViolations(chenPage)).toEqual([]);

    // Both posted and both differences cleared: the bridge ties, the statement goes out, the customer confirms.
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    expect((await handle.query(getPeriodState)).match).toMatchObject({ tied: true, openDifferences: 0 });
    expect(
      await h.db.dataSource
        .getRepository(Difference)
        .countBy({ id: feeDifference.id, status: DifferenceStatus.RESOLVED }),
    ).toBe(1);
    await handle.executeUpdate(confirmStatement, { args: [{ actor: customerActor('MGR') }] });
    await h.waitForStatus(workflowId, PeriodStatus.CLOSED);
    await chenPage.goto('/periods');
    await chenPage.getByRole('row').filter({ hasText: 'MGR' }).getByText('Closed').waitFor();
    expect(en.problems.list).toEqual([]);
    await zh.context.close();
    await en.context.close();
  }, 150_000);

  it('shows the month: periods by status, untied bridges, escalations, open tasks, aging and KPI charts, downloads', async () => {
    const { harness: h } = stack;
    // One period in review with a difference (its bridge forced untied: the engine explains every
    // difference, a remainder is what a manager must see), one sent and escalated for want of an answer.
    await seedCustomer(h.db.dataSource, 'DSH1', [INVOICE], [INVOICE, FEE]);
    await seedCustomer(h.db.dataSource, 'DSH2', [INVOICE], [INVOICE]);
    await h.db.dataSource
      .getRepository(Customer)
      .update({ code: 'DSH2' }, { workflowSettings: { reminderAfterSeconds: 1, escalateAfterSeconds: 2 } });
    const review = await h.periods.openPeriod('DSH1', '2026-10-01', '2026-10-31');
    const waiting = await h.periods.openPeriod('DSH2', '2026-10-01', '2026-10-31');
    await h.waitForStatus(review.workflowId, PeriodStatus.IN_REVIEW);
    await h.db.dataSource.query(
      'UPDATE reconciliation_periods SET bridge_tied = 0, unexplained_amount = 12.34 WHERE id = ?',
      [review.period.id],
    );
    await h.waitForStatus(waiting.workflowId, PeriodStatus.AWAITING_CUSTOMER);
    for (
      let tries = 0;
      !(await h.periods.handle(waiting.workflowId).query(getPeriodState)).escalated;
      tries++
    ) {
      if (tries > 100) throw new Error('DSH2 was never escalated');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const en = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await en.context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await signIn(page, 'manager2', EN, '/approvals');
    await page.getByRole('heading', { name: 'Adjustments to approve' }).waitFor();
    // ECharts is the dashboard's own chunk: nothing before it loads it.
    expect(scripts.filter((path) => path.includes('DashboardCharts'))).toEqual([]);

    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('menuitem', { name: 'Dashboard' })
      .click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto('/dashboard?month=2026-10');
    const byStatus = page.getByRole('region', { name: 'Periods of the month by status' });
    await byStatus.getByText('In review').waitFor();
    await byStatus.getByText('Awaiting the customer').waitFor();
    await page.getByRole('row').filter({ hasText: 'DSH1' }).getByText('12.34 CNY').waitFor();
    const escalated = page.getByRole('row').filter({ hasText: 'DSH2' });
    await escalated.getByText(/^Escalated on \d{4}-\d{2}-\d{2}$/).waitFor();
    await page.getByRole('row').filter({ hasText: '(not claimed)' }).waitFor();
    await page.getByRole('region', { name: 'KPIs' }).getByText('Auto-match rate').waitFor();
    const aging = page.getByTestId('aging-chart');
    await aging.locator('canvas').waitFor();
    expect(await aging.getAttribute('aria-label')).toMatch(/^Receivables aging: .*\d/);
    await page.getByTestId('differences-chart').locator('canvas').waitFor();
    // Its amounts are nets in the one sign of every difference document (#19 point 8), and it says so.
    await page.getByText('Open differences by age (net effect on our balance)').waitFor();
    expect(scripts.some((path) => path.includes('DashboardCharts'))).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/dashboard.png`, fullPage: true });

    // Every report of the month downloads with the session (PDF and XLSX).
    const downloads = page.getByRole('group', { name: 'Download reports' }).getByRole('link');
    const hrefs = await downloads.evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    // Summary, KPIs, aging, collection KPIs and the credit review, each as PDF and XLSX.
    expect(hrefs).toHaveLength(10);
    expect(hrefs.filter((href) => /^\/reports\/(collections|credit-review)\?/.test(href))).toHaveLength(4);
    for (const href of hrefs) {
      const response = await en.context.request.get(`${stack.baseUrl}${href}`);
      expect([href, response.status()]).toEqual([href, 200]);
      expect(response.headers()['content-disposition']).toMatch(/^attachment/);
    }
    expect(en.problems.list).toEqual([]);

    // The same in Chinese.
    const zh = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const zhPage = await zh.context.newPage();
    await signIn(zhPage, 'manager', ZH, '/dashboard?month=2026-10');
    await zhPage.getByRole('heading', { name: '仪表盘' }).waitFor();
    await zhPage.getByRole('heading', { name: '余额调节表未平衡' }).waitFor();
    await zhPage
      .getByRole('row')
      .filter({ hasText: 'DSH2' })
      .getByText(/^已于 .* 升级$/)
      .waitFor();
    await zhPage.getByTestId('aging-chart').locator('canvas').waitFor();
    await zhPage.getByText('未结差异（按账龄，对我方余额的净影响）').waitFor();
    expect(await seriousAccessibilityViolations(zhPage)).toEqual([]);
    expect(zh.problems.list).toEqual([]);
    await en.context.close();
    await zh.context.close();
  }, 120_000);

  it('refuses a clerk the approvals and dashboard pages, in the app and on the server', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'clerk', ZH, '/approvals');
    await page.getByText('无权访问').waitFor();
    const menu = page.getByRole('navigation', { name: '主菜单' });
    expect(await menu.getByRole('menuitem').allInnerTexts()).not.toContain('审批');
    const answer = await graphqlAs(context, stack.baseUrl, '{ pendingAdjustments { edges { cursor } } }');
    expect(answer.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    await page.goto('/dashboard');
    await page.getByText('无权访问').waitFor();
    expect(await menu.getByRole('menuitem').allInnerTexts()).not.toContain('仪表盘');
    const board = await graphqlAs(context, stack.baseUrl, '{ dashboard(month: "2026-10") { month } }');
    expect(board.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);
});

/**
 * The decision's outcome: the success line, or, when the server refused, the reason the dialog
 * shows (so a failure says which). Posting waits for the workflow's Update: slow machines get a minute.
 */
async function expectDecided(page: Page, success: string): Promise<void> {
  const status = page.getByRole('status').filter({ hasText: success });
  const refusal = page.getByRole('dialog').locator('.ant-alert');
  await status.or(refusal).first().waitFor({ timeout: 60_000 });
  if (await refusal.isVisible()) throw new Error(`the decision was refused: ${await refusal.textContent()}`);
  await status.waitFor();
}
