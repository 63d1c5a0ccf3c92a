import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  DifferenceStatus,
  MatchGroupState,
  PeriodStatus,
  StatementSource,
  TaskType,
} from '../../contract/enums';
import { Difference } from '../../entities/difference.entity';
import { MatchGroup } from '../../entities/match-group.entity';
import { Task } from '../../entities/task.entity';
import { submitStatement } from '../../statements/statement.service';
import { seedCustomer, type Line } from '../support/fixtures';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { STAFF, STAFF_PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

// Two invoices of the same amount, paid as two transfers of that amount a few days later: the
// engine cannot tell which pays which, so it only suggests.
const OURS: Line[] = [
  { id: 'a', date: '2026-10-10', ref: 'INV-310', kind: 'INVOICE', amount: '250.00' },
  { id: 'b', date: '2026-10-11', ref: 'INV-311', kind: 'INVOICE', amount: '250.00' },
];
const THEIRS: Line[] = [
  { id: 'p', date: '2026-10-12', ref: 'TRF-77', kind: 'INVOICE', amount: '250.00' },
  { id: 'q', date: '2026-10-13', ref: 'TRF-78', kind: 'INVOICE', amount: '250.00' },
  // A debit note we book next month (timing), and a charge we know nothing of (ask the customer).
  { id: 'dn', date: '2026-10-30', ref: 'DN-55', kind: 'OTHER', amount: '-40.00' },
  { id: 'x', date: '2026-10-15', ref: 'CHG-9', kind: 'OTHER', amount: '120.00' },
];

/** Lines a side of the big period. */
const BIG = 3000;

async function signIn(page: Page, labels: { email: string; password: string; submit: string }) {
  await page.getByLabel(labels.email).fill(STAFF.clerk.email);
  await page.getByLabel(labels.password).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
}

/** Walks #16's "resolve each difference" points: suggestions, timing, a question, an untied bridge, the PDF. */
describe('in the browser: a clerk resolves a period (suggestions, timing, a question, an untied bridge)', () => {
  let stack: BrowserStack;
  let periodId: string;
  let bigPeriodId: string;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_period_resolve');
    const ds = stack.harness.db.dataSource;
    await seedCustomer(ds, 'RSLV', OURS, THEIRS);
    // Their statement says a closing balance 10.00 above what its own lines add up to: nothing
    // explains that, and the bridge must say so.
    await submitStatement(ds, {
      customerCode: 'RSLV',
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      currency: 'CNY',
      openingBalance: '0',
      closingBalance: '590.00',
      source: StatementSource.API,
      sourceRef: 'RSLV-2026-10-b',
      replace: true,
      lines: THEIRS.map((line) => ({
        externalId: line.id,
        txnDate: line.date,
        docNo: line.ref,
        kind: line.kind,
        amount: line.amount,
        currency: 'CNY',
      })),
    });
    const opened = await stack.harness.periods.openPeriod('RSLV', '2026-10-01', '2026-10-31');
    periodId = opened.period.id;
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW, 60_000);

    // Thousands of lines a side, all matched but one of ours: the table must stay smooth (virtual rows).
    const many: Line[] = Array.from({ length: BIG }, (_, i) => ({
      id: `b${i}`,
      date: `2026-10-${String(1 + Math.floor((i * 28) / BIG)).padStart(2, '0')}`,
      ref: `BIG-${String(i + 1).padStart(4, '0')}`,
      kind: 'INVOICE',
      amount: `${100 + (i % 997)}.${String(i % 100).padStart(2, '0')}`,
    }));
    const extra: Line = { id: 'lone', date: '2026-10-31', ref: 'LONE-1', kind: 'INVOICE', amount: '7.00' };
    await seedCustomer(ds, 'BIGP', [...many, extra], many);
    const big = await stack.harness.periods.openPeriod('BIGP', '2026-10-01', '2026-10-31');
    bigPeriodId = big.period.id;
    await stack.harness.waitForStatus(big.workflowId, PeriodStatus.IN_REVIEW, 120_000);
  }, 300_000);

  afterAll(() => stack?.stop());

  it('opens a suggestion from its task on the suggestions tab, marked; accepts one and rejects another (en)', async () => {
    const ds = stack.harness.db.dataSource;
    const suggestions = await ds
      .getRepository(MatchGroup)
      .find({ where: { periodId, state: MatchGroupState.SUGGESTED }, order: { id: 'ASC' } });
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    const task = await ds
      .getRepository(Task)
      .findOneByOrFail({ periodId, type: TaskType.REVIEW_SUGGESTION, matchGroupId: suggestions[1].id });

    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US', {
      width: 1280,
      height: 700,
    });
    const page = await context.newPage();
    await page.goto('/work');
    await signIn(page, { email: 'E-mail', password: 'Password', submit: 'Sign in' });
    await page.getByRole('heading', { name: 'My work' }).waitFor();
    // The task's own link, as the clerk clicks it on My work.
    const row = page.locator('tr[data-row-key]').filter({ has: page.locator(`a[href*="suggestion="]`) });
    await row.first().waitFor();
    await page.locator(`a[href="/periods/${periodId}?suggestion=${task.matchGroupId}"]`).click();
    await page.waitForURL(new RegExp(`/periods/${periodId}\\?suggestion=${task.matchGroupId}$`));

    // The suggestions tab, that suggestion marked, in view, naming its lines by document number.
    await page.getByRole('tab', { name: 'Suggestions', selected: true }).waitFor();
    const table = page.getByTestId('suggestions-table');
    const marked = table.locator('tr[data-focused="true"]');
    await marked.waitFor();
    expect(await marked.getAttribute('data-row-key')).toBe(String(task.matchGroupId));
    expect(await table.locator('tr[data-focused]').count()).toBe(1);
    const box = await marked.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(700);
    expect(await marked.innerText()).toMatch(/INV-31[01][\s\S]*TRF-7[78]/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The bridge does not tie, and says by how much.
    await page.getByTestId('bridge-verdict').filter({ hasText: 'Does not tie: off by 10.00 CNY' }).waitFor();

    // Accept the marked one.
    await marked.getByRole('button', { name: 'Accept' }).click();
    await page.getByRole('status').filter({ hasText: 'Suggestion accepted.' }).waitFor();
    await expect(
      ds.getRepository(MatchGroup).findOneByOrFail({ id: task.matchGroupId! }),
    ).resolves.toMatchObject({ state: expect.not.stringMatching(/^SUGGESTED$/) });
    await page.getByTestId('period-timeline').getByText('A suggested match accepted').waitFor();

    // Reject what is left, with a reason.
    const left = table.locator('tr[data-row-key]').first();
    await left.waitFor();
    const leftId = await left.getAttribute('data-row-key');
    await left.getByRole('button', { name: 'Reject' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reject this suggested match' });
    await dialog.getByLabel('Reason').fill('TRF-78 pays an older invoice');
    await dialog.getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('status').filter({ hasText: 'Suggestion rejected.' }).waitFor();
    await table.locator(`tr[data-row-key="${leftId}"]`).waitFor({ state: 'detached' });
    await page.getByTestId('period-timeline').getByText('A suggested match rejected').waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('explains a difference as timing, asks the customer about another, downloads the statement PDF (zh)', async () => {
    const ds = stack.harness.db.dataSource;
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await page.goto(`/periods/${periodId}`);
    await signIn(page, { email: '邮箱', password: '密码', submit: '登录' });
    await page.getByTestId('bridge-verdict').filter({ hasText: '未平衡：相差 10.00 CNY' }).waitFor();

    await page.getByRole('tab', { name: '差异' }).click();
    const differences = page.getByTestId('differences-table');
    const note = differences.getByRole('row', { name: /-40\.00/ });
    await note.getByRole('button', { name: '时间性差异' }).click();
    const timing = page.getByRole('dialog');
    await timing.getByRole('textbox').fill('借项通知单下月入账 booked in November');
    await timing.getByRole('button', { name: '时间性差异' }).click();
    await page.getByRole('status').filter({ hasText: '已说明为时间性差异。' }).waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });

    const charge = differences.getByRole('row', { name: /120\.00/ });
    await charge.getByRole('button', { name: '询问客户' }).click();
    const ask = page.getByRole('dialog');
    await ask.getByRole('textbox').fill('这笔 120.00 费用是什么？What is this charge?');
    await ask.getByRole('button', { name: '发送' }).click();
    await page.getByRole('status').filter({ hasText: '问题已发送给客户。' }).waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });

    const byAmount = async (amount: string) =>
      (await ds.getRepository(Difference).find({ where: { periodId }, order: { matchRun: 'DESC' } })).find(
        (d) => d.amount.toFixed(2) === amount,
      );
    expect((await byAmount('-40.00'))?.status).not.toBe(DifferenceStatus.OPEN);
    await page.getByTestId('period-timeline').getByText('将一项差异说明为时间性差异').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '下载' }).click();
    const link = page.getByRole('link', { name: '对账单（PDF）' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems.list).toEqual([]);
    await context.close();
  });
  it('shows a side of thousands of lines in few DOM rows, unmatched first, scrolls to the last (virtual rows); review done sends the statement, followed live (en)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await page.goto(`/periods/${bigPeriodId}`);
    await signIn(page, { email: 'E-mail', password: 'Password', submit: 'Sign in' });
    const ours = page.getByTestId('lines-ours');
    const rows = ours.locator('.ant-table-tbody .ant-table-row');
    // The one unmatched line first.
    await rows.first().filter({ hasText: 'LONE-1' }).waitFor();
    await page.getByTestId('bridge-verdict').filter({ hasText: 'Ties to the cent' }).waitFor();
    expect(await rows.count()).toBeLessThan(80);

    // Scrolling to the end loads the next pages as it goes; the DOM keeps only what is in view.
    const last = `BIG-${String(BIG).padStart(4, '0')}`;
    const holder = ours.locator('.ant-table-tbody-virtual-holder');
    for (let step = 0; step < 60; step++) {
      if (await rows.filter({ hasText: last }).count()) break;
      await holder.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await page.waitForTimeout(300);
    }
    const shown = await ours.getByText(/lines shown/).innerText();
    expect({ shown, last: await rows.filter({ hasText: last }).count() }).toEqual({
      shown: `${BIG + 1} lines shown`,
      last: 1,
    });
    expect(await rows.count()).toBeLessThan(80);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The one difference explained (timing), then review done: the period matches again, has
    // nothing open, and the statement goes to the customer; the open page follows it live.
    await page.getByRole('tab', { name: 'Differences' }).click();
    await page
      .getByTestId('differences-table')
      .getByRole('row', { name: /7\.00/ })
      .getByRole('button', { name: 'Timing' })
      .click();
    const timing = page.getByRole('dialog');
    await timing.getByRole('textbox').fill('LONE-1 reaches the customer in November');
    await timing.getByRole('button', { name: 'Timing' }).click();
    await page.getByRole('status').filter({ hasText: 'Explained as timing.' }).waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Review done' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Review done' }).click();
    await page.getByRole('status').filter({ hasText: 'Review done; matching again.' }).waitFor();
    await page
      .getByTestId('period-status')
      .filter({ hasText: 'Awaiting the customer' })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('period-timeline').getByText('Statement sent to the customer').waitFor();
    expect(await page.getByRole('button', { name: 'Review done' }).count()).toBe(0);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 180_000);
});
