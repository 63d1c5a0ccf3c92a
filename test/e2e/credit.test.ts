import type { Page } from 'playwright-core';
import { CreditRequestStatus } from '../../contract/credit/enums';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { placeCreditHold } from '../../credit/credit-admin.service';
import { scoreAllCustomers } from '../../credit/scoring.service';
import { Customer } from '../../entities/customer.entity';
import { CreditRequest } from '../../entities/credit-request.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { type BrowserStack, EN, graphqlAs, signIn, startBrowserStack, ZH } from './support/stack';

const row = (page: Page, code: string) =>
  page.locator('tr').filter({ has: page.getByTestId(`credit-${code}`) });

describe('in the browser: the Credit page (limits, exposure, score by component, requests, maker ≠ checker)', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_credit');
    const ds = stack.harness.db.dataSource;
    const customers = ds.getRepository(Customer);
    const over = await customers.save({ code: 'CROVER', name: '超额客户有限公司', currency: 'CNY' });
    await customers.save({ code: 'CRHOLD', name: 'Hold Trading Ltd', currency: 'CNY' });
    await ds.query(
      `INSERT INTO credit_limits (customer_id, currency, amount, set_by) VALUES (?, 'CNY', 1000, 'test')`,
      [over.id],
    );
    await upsertLedgerEntries(ds, [
      {
        customerCode: 'CROVER',
        source: 'erp',
        externalId: 'o1',
        entryDate: '2026-06-01',
        kind: 'INVOICE',
        amount: '1500',
        currency: 'CNY',
      },
      {
        customerCode: 'CRHOLD',
        source: 'erp',
        externalId: 'h1',
        entryDate: '2026-06-01',
        kind: 'INVOICE',
        amount: '300',
        currency: 'CNY',
      },
      {
        customerCode: 'CRHOLD',
        source: 'erp',
        externalId: 'h2',
        entryDate: '2026-08-30',
        kind: 'RECEIPT',
        amount: '-300',
        currency: 'CNY',
      },
    ]);
    // More customers than one page: the rest come with "Load more".
    await ds.query(
      `INSERT INTO customers (code, name, currency) SELECT CONCAT('CRX', LPAD(seq, 3, '0')), CONCAT('客户 ', seq), 'CNY' FROM seq_1_to_50`,
    );
    await scoreAllCustomers(ds, '2026-11-30');
    await placeCreditHold(ds, { customerCode: 'CRHOLD', reason: '逾期 overdue' }, SYSTEM_ACTORS.operator);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('a clerk sees exposure over the limit and the score explained, and asks for a limit a manager then approves live', async () => {
    const en = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const clerk = await en.context.newPage();
    await signIn(clerk, 'clerk', EN, '/credit');
    await clerk.getByRole('heading', { name: 'Credit' }).waitFor();
    const over = row(clerk, 'CROVER');
    await over.getByText('over by 500.00').waitFor();
    await over.getByText('1,500.00').waitFor();
    expect(await row(clerk, 'CRHOLD').getByText('On hold').count()).toBe(1);
    // The score explains itself: each component with its weight.
    await over.getByRole('button', { name: /expand row/i }).click();
    await clerk.getByText('Days beyond terms').waitFor();
    await clerk.getByRole('cell', { name: '30%' }).first().waitFor();
    expect(await seriousAccessibilityViolations(clerk)).toEqual([]);
    // 52 customers: the first 50 by code, then the rest on demand.
    await clerk.getByTestId('credit-CRX048').waitFor();
    expect(await clerk.getByTestId('credit-CRX049').count()).toBe(0);
    await clerk.getByRole('button', { name: 'Load more' }).click();
    await clerk.getByTestId('credit-CRX050').waitFor();

    await over.getByRole('button', { name: 'Request limit' }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Send the request' }).click();
    await dialog.getByText('Enter the new limit.').waitFor();
    await dialog.getByLabel('New limit').fill('5000');
    await dialog.getByLabel('Reason').fill('big order in December');
    await dialog.getByRole('button', { name: 'Send the request' }).click();
    await clerk.getByRole('status').filter({ hasText: 'Request for CROVER sent' }).waitFor();
    const request = clerk.locator('[data-testid^="credit-request-"]').filter({ hasText: 'CROVER' });
    await request.getByText('big order in December').waitFor();
    // A clerk does not decide.
    await request.getByText('A manager decides requests.').waitFor();
    expect(await request.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // Manager Wang, in Chinese, approves the clerk's request; the clerk's page follows live.
    const zh = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const wang = await zh.context.newPage();
    await signIn(wang, 'manager', ZH, '/credit');
    await wang.getByRole('heading', { name: '信用管理' }).waitFor();
    const pending = wang.locator('[data-testid^="credit-request-"]').filter({ hasText: 'CROVER' });
    await pending.getByText(`申请人：user:${stack.userIds.clerk}`).waitFor();
    expect(await seriousAccessibilityViolations(wang)).toEqual([]);
    await pending.getByRole('button', { name: '批准' }).click();
    await wang.getByRole('status').filter({ hasText: '已批准并生效' }).waitFor();
    await row(clerk, 'CROVER').getByText('5,000.00').waitFor({ timeout: 30_000 });
    await row(clerk, 'CROVER').getByText('3,500.00').waitFor();

    // Wang asks for CRHOLD's release himself: he cannot decide his own request.
    await row(wang, 'CRHOLD').getByRole('button', { name: '申请解冻' }).click();
    await wang.getByRole('dialog').getByLabel('理由').fill('已付清 paid');
    await wang.getByRole('dialog').getByRole('button', { name: '提交申请' }).click();
    const own = wang.locator('[data-testid^="credit-request-"]').filter({ hasText: 'CRHOLD' });
    await own.getByText('这是您本人提出的申请，不能由您审批').waitFor();
    expect(await own.getByRole('button', { name: '批准' }).count()).toBe(0);
    expect(
      await stack.harness.db.dataSource
        .getRepository(CreditRequest)
        .countBy({ status: CreditRequestStatus.APPROVED }),
    ).toBe(1);
    expect(en.problems.list).toEqual([]);
    expect(zh.problems.list).toEqual([]);
    await en.context.close();
    await zh.context.close();
  }, 180_000);

  it('shows an auditor the page read-only: standings and requests, no request or approve buttons', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'auditor', ZH, '/credit');
    await page.getByRole('heading', { name: '信用管理' }).waitFor();
    const menu = page.getByRole('navigation', { name: '主菜单' });
    expect(await menu.getByRole('menuitem').allInnerTexts()).toContain('信用管理');
    // The standings as everyone sees them, the hold included.
    await row(page, 'CROVER').getByText('1,500.00').waitFor();
    expect(await row(page, 'CRHOLD').getByText('冻结').count()).toBeGreaterThan(0);
    // The pending request (CRHOLD's release, asked by Wang above) is shown without a way to decide it.
    const pending = page.locator('[data-testid^="credit-request-"]').filter({ hasText: 'CRHOLD' });
    await pending.getByText('申请由经理审批。').waitFor();
    expect(await pending.getByRole('button').count()).toBe(0);
    // No request buttons on any row: no actions column at all.
    expect(await page.getByRole('button', { name: '申请额度' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '申请解冻' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The server refuses an auditor's request all the same (the page only hides what it would refuse).
    const ask = await graphqlAs(
      context,
      stack.baseUrl,
      'mutation { requestCreditChange(input: { customerCode: "CRHOLD", kind: HOLD_RELEASE, reason: "x" }) { id } }',
    );
    expect(ask.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);
});
