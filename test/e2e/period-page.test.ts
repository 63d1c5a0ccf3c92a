import type { Locator, Page, Route } from 'playwright-core';
import { DifferenceStatus, MatchGroupState, PeriodStatus, UserRole } from '../../contract/enums';
import { unmatch } from '../../contract/period';
import { Adjustment } from '../../entities/adjustment.entity';
import { Difference } from '../../entities/difference.entity';
import { MatchGroup } from '../../entities/match-group.entity';
import { seedCustomer, type Line } from '../support/fixtures';
import { userActor } from '../support/actors';
import { countOperations, newContext, seriousAccessibilityViolations } from './support/browser';
import { STAFF, STAFF_PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

// Matched automatically: the same invoice on both sides.
const INVOICE: Line = {
  id: 'inv100',
  date: '2026-10-03',
  ref: 'INV-100',
  kind: 'INVOICE',
  amount: '1000.00',
};
// Two of our invoices the customer booked as one line three weeks later: only a clerk can match them.
const PART_A: Line = { id: 'inv200', date: '2026-10-02', ref: 'INV-200', kind: 'INVOICE', amount: '500.00' };
const PART_B: Line = { id: 'inv201', date: '2026-10-03', ref: 'INV-201', kind: 'INVOICE', amount: '300.00' };
const COMBINED: Line = { id: 'trf', date: '2026-10-26', ref: 'TRF-9981', kind: 'INVOICE', amount: '800.00' };
// A bank fee the customer deducted and we never booked: a difference to adjust.
const FEE: Line = { id: 'fee', date: '2026-10-20', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };

async function signIn(
  page: Page,
  email: string,
  labels: { email: string; password: string; submit: string },
) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
}

/**
 * The page's live socket, with a gate: while held, the events the server pushes wait (as when the
 * socket lags), so the screen can be out of date; released, they arrive in order.
 */
async function gatedLiveEvents(page: Page) {
  const gate = { holding: false, held: [] as Array<() => void> };
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const event = typeof message === 'string' && message.includes('"type":"next"');
      if (gate.holding && event) gate.held.push(() => socket.send(message));
      else socket.send(message);
    });
  });
  return {
    hold: () => (gate.holding = true),
    release: () => {
      gate.holding = false;
      gate.held.splice(0).forEach((send) => send());
    },
  };
}

/**
 * Holds the page's requests of the named operations until released (a slow read): what the page
 * shows meanwhile comes from elsewhere (an action's answer).
 */
async function heldOperations(page: Page, names: readonly string[]) {
  const held: Array<() => Promise<void>> = [];
  const handler = async (route: Route) => {
    const name = (route.request().postDataJSON() as { operationName?: string } | null)?.operationName;
    if (name && names.includes(name)) held.push(() => route.continue());
    else await route.continue();
  };
  await page.route('**/graphql', handler);
  return {
    count: () => held.length,
    release: async () => {
      await Promise.all(held.splice(0).map((send) => send()));
      await page.unroute('**/graphql', handler);
    },
  };
}

describe("in the browser: the clerk's period page", () => {
  let stack: BrowserStack;
  let periodId: string;
  let workflowId: string;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_period_page');
    await seedCustomer(
      stack.harness.db.dataSource,
      'WEBP',
      [INVOICE, PART_A, PART_B],
      [INVOICE, COMBINED, FEE],
    );
    const opened = await stack.harness.periods.openPeriod('WEBP', '2026-10-01', '2026-10-31');
    ({ workflowId } = opened);
    periodId = opened.period.id;
    await stack.harness.waitForStatus(workflowId, PeriodStatus.IN_REVIEW, 60_000);
  }, 240_000);

  afterAll(() => stack?.stop());

  const selectionBar = (page: Page) => page.getByTestId('selection-bar');
  // Virtual rows are positioned divs, not table rows: found by their class and text.
  const lineRow = (side: Locator, text: RegExp) => side.locator('.ant-table-row', { hasText: text });

  it('a clerk sees the bridge and both sides, matches 2:1 by hand after a stale screen, and proposes an adjustment (zh)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    const live = await gatedLiveEvents(page);
    await page.goto(`/periods/${periodId}`);
    await signIn(page, STAFF.clerk.email, { email: '邮箱', password: '密码', submit: '登录' });

    await page.getByRole('heading', { name: 'WEBP 客户 WEBP · 2026-10 对账' }).waitFor();
    await page.getByTestId('period-status').filter({ hasText: '复核中' }).waitFor();
    // The bridge: ours 1,800.00 + differences = theirs 1,785.00, tied to the cent.
    const bridge = page.getByTestId('bridge-table');
    await bridge.getByRole('row', { name: /我方期末余额\s+1,800\.00/ }).waitFor();
    await bridge.getByRole('row', { name: /客户对账单期末余额\s+1,785\.00/ }).waitFor();
    await page.getByTestId('bridge-verdict').filter({ hasText: '已平衡' }).waitFor();
    // The timeline in plain words.
    const timeline = page.getByTestId('period-timeline');
    await timeline.getByText('期间已开启').waitFor();
    await timeline.getByText('进入人工复核').waitFor();

    // Both sides, unmatched lines first.
    const ours = page.getByTestId('lines-ours');
    const theirs = page.getByTestId('lines-theirs');
    await lineRow(ours, /INV-200/).waitFor();
    const ourDocs = await ours.locator('.ant-table-tbody .ant-table-row').allInnerTexts();
    expect(ourDocs.map((text) => text.match(/INV-\d+/)?.[0])).toEqual(['INV-200', 'INV-201', 'INV-100']);
    await lineRow(theirs, /TRF-9981/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Select both sides: the running sums and their exact difference.
    await page.getByRole('checkbox', { name: '选择 INV-200' }).check();
    await expect(selectionBar(page).innerText()).resolves.toMatch(/我方已选 1 条\s+500\.00 CNY/);
    await page.getByRole('checkbox', { name: '选择 INV-201' }).check();
    await page.getByRole('checkbox', { name: '选择 TRF-9981' }).check();
    const sums = await selectionBar(page).innerText();
    expect(sums).toMatch(/我方已选 2 条\s+800\.00 CNY/);
    expect(sums).toMatch(/客户方已选 1 条\s+800\.00 CNY/);
    expect(sums).toMatch(/差额（客户方 − 我方）\s+0\.00 CNY/);
    await selectionBar(page).getByText('两边相等').waitFor();
    // A matched line cannot be selected.
    expect(await page.getByRole('checkbox', { name: '选择 INV-100' }).first().isDisabled()).toBe(true);

    // Meanwhile another clerk undoes the automatic match; its live event is late: this screen is out of date.
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    live.hold();
    const [applied] = await stack.harness.db.dataSource
      .getRepository(MatchGroup)
      .find({ where: { periodId, state: MatchGroupState.APPLIED }, order: { id: 'DESC' } });
    await stack.harness.periods.handle(workflowId).executeUpdate(unmatch, {
      args: [
        {
          actor: userActor(stack.userIds.clerk2, UserRole.CLERK, STAFF.clerk2.name),
          groupId: applied.id,
          reason: '金额需核实 check the amount',
        },
      ],
    });

    await selectionBar(page).getByRole('button', { name: '手工匹配所选记录' }).click();
    const dialog = page.getByRole('dialog', { name: '手工匹配：我方 2 条，客户方 1 条' });
    await dialog.getByLabel('匹配理由').fill('客户合并付款 one transfer for two invoices');
    // Its answer held: the OK button says it is sending only after 300 ms (ReasonModal's
    // SENDING_SHOWN_AFTER_MS: a quick answer changes nothing on screen before its effect), and a
    // second OK meanwhile sends nothing.
    const sends = await heldOperations(page, ['MatchLinesByHand']);
    await page.evaluate(() => {
      const seen = window as unknown as { clickedAt?: number; spinnerAt?: number };
      document.addEventListener('click', () => (seen.clickedAt ??= performance.now()), { capture: true });
      new MutationObserver(() => {
        if (seen.spinnerAt === undefined && document.querySelector('.ant-modal .ant-btn-loading'))
          seen.spinnerAt = performance.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await dialog.getByRole('button', { name: '确认匹配' }).click();
    await dialog.getByRole('button', { name: '确认匹配' }).click();
    await dialog.locator('.ant-btn-loading').waitFor();
    const shown = await page.evaluate(() => {
      const seen = window as unknown as { clickedAt: number; spinnerAt: number };
      return { clickedAt: seen.clickedAt, spinnerAt: seen.spinnerAt };
    });
    expect(shown.spinnerAt - shown.clickedAt).toBeGreaterThanOrEqual(300);
    await page.waitForTimeout(300);
    expect(sends.count()).toBe(1);
    await sends.release();
    // Refused as stale, said in words; the page shows the new state and keeps the selection.
    await page.getByRole('status').filter({ hasText: '其他人刚刚修改了这条记录' }).waitFor();
    await lineRow(ours, /INV-100.*未匹配/).waitFor();
    await expect(selectionBar(page).innerText()).resolves.toMatch(/我方已选 2 条\s+800\.00 CNY/);
    expect(await page.getByRole('checkbox', { name: '选择 INV-200' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: '选择 TRF-9981' }).isChecked()).toBe(true);
    const operations = countOperations(page);
    live.release();
    // The held events arrive now; the page cannot tell that its stale read had them and reads once more.
    await page.waitForTimeout(1_500);
    operations.reset();

    // Again, on the fresh version: matched. The answer says so at once: both sides show the lines
    // matched while the page's read of them (in the background) still waits.
    const reads = await heldOperations(page, [
      'PeriodOurLinesUnmatchedFirst',
      'PeriodTheirLinesUnmatchedFirst',
    ]);
    await dialog.getByRole('button', { name: '确认匹配' }).click();
    await page.getByRole('status').filter({ hasText: '已手工匹配。' }).waitFor();
    await lineRow(ours, /INV-200.*已匹配/).waitFor({ timeout: 10_000 });
    await lineRow(ours, /INV-201.*已匹配/).waitFor({ timeout: 10_000 });
    await lineRow(theirs, /TRF-9981.*已匹配/).waitFor({ timeout: 10_000 });
    await dialog.waitFor({ state: 'hidden' });
    await expect(selectionBar(page).innerText()).resolves.toMatch(/我方已选 0 条\s+0\.00 CNY/);
    expect(reads.count()).toBe(2);
    // The read behind the shown effect is quiet: no loading spinner over either side meanwhile.
    expect(await ours.locator('.ant-spin-spinning').count()).toBe(0);
    expect(await theirs.locator('.ant-spin-spinning').count()).toBe(0);
    await reads.release();
    await lineRow(ours, /INV-200.*已匹配/).waitFor();
    await lineRow(theirs, /TRF-9981.*已匹配/).waitFor();
    // The page is read once after the match (each side's states in one request), not again when the
    // match's own live events arrive (the audit tail polls every 250 ms, the page waits 250 ms more).
    await page.waitForTimeout(2_000);
    expect(operations.sent()).toEqual({
      MatchLinesByHand: 1,
      PeriodDetail: 1,
      PeriodOurLinesUnmatchedFirst: 1,
      PeriodTheirLinesUnmatchedFirst: 1,
    });
    await expect(selectionBar(page).innerText()).resolves.toMatch(/我方已选 0 条\s+0\.00 CNY/);
    const manual = await stack.harness.db.dataSource
      .getRepository(MatchGroup)
      .find({ where: { periodId, state: MatchGroupState.MANUAL }, relations: { members: true } });
    expect(manual).toHaveLength(1);
    expect(manual[0].members).toHaveLength(3);
    // The hand match settles its own lines' differences, not the fee's (statement line 3 is not entry 3).
    const open = await stack.harness.db.dataSource
      .getRepository(Difference)
      .findBy({ periodId, status: DifferenceStatus.OPEN });
    expect(open.map((d) => d.kind)).toEqual(['MISSING_IN_OURS']);
    expect(open[0].theirIds).toHaveLength(1);

    // The fee: propose an adjustment with a comment.
    await page.getByRole('tab', { name: '差异' }).click();
    const feeRow = page.getByTestId('differences-table').getByRole('row', { name: /我方未记账\s+-15\.00/ });
    // One sign in every document (#19 point 8): the column says which, as the reports do.
    await page
      .getByTestId('differences-table')
      .getByRole('columnheader', { name: '差额（对我方余额的影响）' })
      .waitFor();
    await feeRow.getByRole('button', { name: '提出调整' }).click();
    const adjust = page.getByRole('dialog', { name: '提出账务调整（需经理审批）' });
    expect(await adjust.getByLabel('调整金额（正数增加客户欠款）').inputValue()).toBe('-15.00');
    await adjust.getByLabel('说明').fill('银行手续费 bank fee, slip attached');
    await adjust.getByRole('button', { name: '提交审批' }).click();
    await page.getByRole('status').filter({ hasText: '调整已提交，等待审批。' }).waitFor();
    const adjustments = await stack.harness.db.dataSource.getRepository(Adjustment).findBy({ periodId });
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0].amount.toFixed(2)).toBe('-15.00');
    expect(adjustments[0].reason).toBe('银行手续费 bank fee, slip attached');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('reads the same period in English, and offers its reports for download with the cookie session', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await page.goto(`/periods/${periodId}`);
    await signIn(page, STAFF.clerk2.email, { email: 'E-mail', password: 'Password', submit: 'Sign in' });
    await page.getByRole('heading', { name: 'WEBP 客户 WEBP · 2026-10' }).waitFor();
    await page.getByRole('heading', { name: 'Balance bridge' }).waitFor();
    await page.getByTestId('bridge-verdict').filter({ hasText: 'Ties to the cent' }).waitFor();
    await page.getByTestId('period-timeline').getByText('Lines matched by hand').waitFor();
    await page.getByTestId('period-timeline').getByText('Adjustment proposed').waitFor();
    await lineRow(page.getByTestId('lines-ours'), /INV-200.*Matched/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Download' }).click();
    const link = page.getByRole('link', { name: 'Difference report (Excel)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // A side's search lives in the address: a reload (or a shared link) keeps it; back clears it.
    await page.keyboard.press('Escape');
    const ours = page.getByTestId('lines-ours');
    const oursSearch = page.getByRole('searchbox', { name: 'Our books: search' });
    await oursSearch.fill('INV-201');
    await oursSearch.press('Enter');
    await page.waitForURL(/[?&]ours=INV-201/);
    await ours.locator('.ant-table-row', { hasText: 'INV-200' }).waitFor({ state: 'detached' });
    await page.reload();
    await lineRow(ours, /INV-201/).waitFor();
    expect(await oursSearch.inputValue()).toBe('INV-201');
    expect(await ours.locator('.ant-table-tbody .ant-table-row').count()).toBe(1);
    await page.goBack();
    await lineRow(ours, /INV-200/).waitFor();
    expect(await oursSearch.inputValue()).toBe('');

    // The hand match was wrong after all: undone from the line, with a reason.
    await page.getByRole('button', { name: 'Unmatch INV-200' }).click();
    const undo = page.getByRole('dialog', { name: 'Undo the match of INV-200' });
    await undo.getByLabel('Why you undo the match').fill('INV-201 was paid separately');
    await undo.getByRole('button', { name: 'Unmatch' }).click();
    await page.getByRole('status').filter({ hasText: 'Match undone.' }).waitFor();
    // (Checked once the dialog has faded out: half-faded colours are not what users read.)
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await lineRow(page.getByTestId('lines-ours'), /INV-200.*Unmatched/).waitFor();
    await lineRow(page.getByTestId('lines-theirs'), /TRF-9981.*Unmatched/).waitFor();
    await page.getByTestId('period-timeline').getByText('A match undone').first().waitFor();
    expect(
      await stack.harness.db.dataSource
        .getRepository(MatchGroup)
        .countBy({ periodId, state: MatchGroupState.MANUAL }),
    ).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Re-run matching: the period matches again and, followed live, is back in review with the step named.
    await page.getByRole('button', { name: 'Re-run matching' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Re-run matching' }).click();
    await page.getByRole('status').filter({ hasText: 'Matching again' }).waitFor();
    await page
      .getByTestId('period-timeline')
      .getByText('Matching re-run on request')
      .waitFor({ timeout: 20_000 });
    await stack.harness.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    await page.getByTestId('period-status').filter({ hasText: 'In review' }).waitFor({ timeout: 20_000 });
    await lineRow(page.getByTestId('lines-ours'), /INV-200.*Unmatched/).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  });
  it('opens from a task’s link (?difference=…) on that difference, marked and in view, with only its lines, selected (en)', async () => {
    await stack.harness.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const differences = await stack.harness.db.dataSource
      .getRepository(Difference)
      .find({ where: { periodId, status: DifferenceStatus.OPEN }, order: { matchRun: 'DESC', id: 'ASC' } });
    const fee = differences.find(
      (d) => d.amount.toFixed(2) === '-15.00' && d.matchRun === differences[0].matchRun,
    );
    expect(fee).toBeDefined();
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US', {
      width: 1280,
      height: 600,
    });
    const page = await context.newPage();
    await page.goto(`/periods/${periodId}?difference=${fee!.id}`);
    await signIn(page, STAFF.clerk.email, { email: 'E-mail', password: 'Password', submit: 'Sign in' });

    // The differences tab, the link's difference marked and scrolled into view.
    await page.getByRole('tab', { name: 'Differences', selected: true }).waitFor();
    const marked = page.getByTestId('differences-table').locator('tr[data-focused="true"]');
    await marked.waitFor();
    expect(await marked.getAttribute('data-row-key')).toBe(fee!.id);
    expect(await marked.innerText()).toMatch(/-15\.00/);
    await expect(marked.isVisible()).resolves.toBe(true);
    const box = await marked.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(600);
    expect(await page.getByTestId('differences-table').locator('tr[data-focused]').count()).toBe(1);

    // The lines: only the difference's (the fee, theirs; none of ours), selected for matching.
    await page.getByRole('tab', { name: 'Both sides' }).click();
    await page.getByTestId('lines-focus').filter({ hasText: 'Not in our books · -15.00 CNY' }).waitFor();
    const theirs = page.getByTestId('lines-theirs');
    await lineRow(theirs, /BANKFEE-7/).waitFor();
    expect(await theirs.locator('.ant-table-tbody .ant-table-row').count()).toBe(1);
    expect(await page.getByTestId('lines-ours').locator('.ant-table-tbody .ant-table-row').count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: 'Select BANKFEE-7' }).isChecked()).toBe(true);
    await expect(selectionBar(page).innerText()).resolves.toMatch(/-15\.00 CNY/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Every line again: the address forgets the difference.
    await page.getByRole('button', { name: 'Show all lines' }).click();
    await lineRow(page.getByTestId('lines-ours'), /INV-200/).waitFor();
    expect(new URL(page.url()).searchParams.has('difference')).toBe(false);
    expect(await theirs.locator('.ant-table-tbody .ant-table-row').count()).toBeGreaterThan(1);
    expect(problems.list).toEqual([]);
    await context.close();
  });
});
