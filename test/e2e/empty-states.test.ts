import { Customer } from '../../entities/customer.entity';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { type BrowserStack, EN, signIn, startBrowserStack, ZH } from './support/stack';

/**
 * A fresh installation, before any data: every list says what its emptiness means and what to do,
 * in both languages, never a bare "no data".
 */
describe('in the browser: empty lists say what they mean and what to do', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_empty');
  }, 180_000);

  afterAll(() => stack?.stop());

  it('a clerk: My work empty, then narrowed by a filter; Periods empty', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'clerk', EN, '/work');
    await page.getByText('Your queues are empty: nothing to do now.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.goto('/work?kind=ESCALATION');
    await page.getByText('No task matches these filters. Clear them to see your whole queue.').waitFor();
    await page.goto('/periods');
    await page.getByText('No period yet. Periods open each month').waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  }, 90_000);

  it('a manager in Chinese: approvals and credit requests empty', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'manager', ZH, '/approvals');
    await page.getByText('没有等待审批的调整。').waitFor();
    await page.goto('/credit');
    await page.getByText('没有待审批的申请。').waitFor();
    await page.getByText('暂无客户。').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 90_000);

  it('an admin: API keys, webhooks, templates and a customer search with nothing in them', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'admin', EN, '/admin/api-keys');
    await page.getByText('No API key yet. Create one for each integrator').waitFor();
    await page.goto('/admin/webhooks');
    await page.getByText('No endpoint yet.').waitFor();
    await page.goto('/admin/templates');
    await page.getByText('No mapping template yet.').waitFor();
    await page.goto('/admin/customers');
    await page.getByText('No customer yet. Customers come from').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 90_000);

  it('credit, before any customer is scored: no empty column for score details nobody has', async () => {
    await stack.harness.db.dataSource
      .getRepository(Customer)
      .save({ code: 'UNSCORED', name: 'Not Yet Scored Ltd', currency: 'CNY' });
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'clerk', EN, '/credit');
    await page.getByTestId('credit-UNSCORED').waitFor();
    expect(await page.locator('.ant-table-row-expand-icon-cell, .ant-table-expand-icon-col').count()).toBe(0);
    const header = await page.locator('thead').first().locator('th').first().innerText();
    expect(header.trim()).toBe('Customer');
    expect(problems.list).toEqual([]);
    await context.close();
  }, 90_000);
});
