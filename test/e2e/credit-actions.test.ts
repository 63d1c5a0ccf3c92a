import type { BrowserContext, Page } from 'playwright-core';
import { SYSTEM_ACTORS } from '../../contract/actor';
import { placeCreditHold } from '../../credit/credit-admin.service';
import { scoreAllCustomers } from '../../credit/scoring.service';
import { Customer } from '../../entities/customer.entity';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { type BrowserStack, EN, graphqlAs, signIn, startBrowserStack, ZH } from './support/stack';

const row = (page: Page, code: string) =>
  page.locator('tr').filter({ has: page.getByTestId(`credit-${code}`) });

describe('in the browser: credit actions that apply at once (hold, lower limit, suggested limit, payment terms)', () => {
  let stack: BrowserStack;
  let suggested: string;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_credit_actions');
    const ds = stack.harness.db.dataSource;
    const customers = ds.getRepository(Customer);
    for (const [code, name] of [
      ['CALOW', '降额客户有限公司'],
      ['CASUG', 'Suggested Trading Ltd'],
      ['CARACE', 'Race Ltd'],
      ['CACLERK', '会计冻结客户'],
    ])
      await customers.save({ code, name, currency: 'CNY' });
    await scoreAllCustomers(ds, '2026-11-30');
    const [score] = (await ds.query(
      `SELECT CAST(s.suggested_limit AS CHAR) AS suggested FROM credit_scores s
         JOIN customers c ON c.id = s.customer_id WHERE c.code = 'CASUG'`,
    )) as Array<{ suggested: string | null }>;
    if (!score?.suggested) throw new Error('the nightly score gave CASUG no suggested limit');
    suggested = score.suggested;
    // CASUG's limit is above its suggestion: accepting it lowers the limit at once.
    await ds.query(
      `INSERT INTO credit_limits (customer_id, currency, amount, set_by)
         SELECT id, 'CNY', CASE code WHEN 'CASUG' THEN ? + 1000 ELSE 100000 END, 'test'
           FROM customers WHERE code IN ('CALOW', 'CASUG', 'CARACE')`,
      [suggested],
    );
  }, 180_000);

  afterAll(() => stack?.stop());

  /** The customer's limit and hold as the API answers them now. */
  const standing = async (context: BrowserContext, code: string) => {
    const answer = await graphqlAs(
      context,
      stack.baseUrl,
      `{ creditStandings(customerCode: "${code}") { limit onHold } }`,
    );
    const [first] = answer.data?.creditStandings as Array<{ limit: string; onHold: boolean }>;
    return { limit: Number(first.limit), onHold: first.onHold };
  };

  it('a manager lowers a limit, accepts the suggested one, sets payment terms; a refusal shows in the dialog', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'manager', EN, '/credit');
    await page.getByRole('heading', { name: 'Credit' }).waitFor();

    // Lower a limit: a raise is refused before it is sent, the reason is required.
    await row(page, 'CALOW').getByRole('button', { name: 'Lower limit' }).click();
    const lower = page.getByRole('dialog');
    await lower.getByText('The limit now is 100,000.00').waitFor();
    await lower.getByLabel('New limit').fill('200000');
    await lower.getByRole('button', { name: 'Lower the limit' }).click();
    await lower.getByText('Not above the limit now').waitFor();
    await lower.getByText('Say why: the reason is kept in the audit log.').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await lower.getByLabel('New limit').fill('40000');
    await lower.getByLabel('Reason').fill('two invoices 90 days late');
    await lower.getByRole('button', { name: 'Lower the limit' }).click();
    await page.getByRole('status').filter({ hasText: 'The credit limit of CALOW is lowered.' }).waitFor();
    await row(page, 'CALOW').getByText('40,000.00').first().waitFor(); // limit and available
    expect(await standing(context, 'CALOW')).toEqual({ limit: 40000, onHold: false });

    // Accept the score's suggestion: below the limit, so it applies at once.
    await row(page, 'CASUG').getByRole('button', { name: 'Accept suggested' }).click();
    const accept = page.getByRole('dialog');
    await accept.getByText('Accepting lowers the limit at once').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await accept.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'The credit limit of CASUG is lowered.' }).waitFor();
    expect(await standing(context, 'CASUG')).toEqual({ limit: Number(suggested), onHold: false });
    // The suggestion is the limit now: nothing left to accept.
    expect(await row(page, 'CASUG').getByRole('button', { name: 'Accept suggested' }).count()).toBe(0);

    // A hold placed by someone else while the dialog is open: the refusal is read inside the dialog.
    await row(page, 'CARACE').getByRole('button', { name: 'Place hold' }).click();
    const hold = page.getByRole('dialog');
    await hold.getByLabel('Reason').fill('returned cheque');
    await placeCreditHold(
      stack.harness.db.dataSource,
      { customerCode: 'CARACE', reason: 'ERP hold' },
      SYSTEM_ACTORS.operator,
    );
    await hold.getByRole('button', { name: 'Place the hold' }).click();
    await hold.getByRole('alert').filter({ hasText: 'has moved on' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await hold.getByRole('button', { name: 'Cancel' }).click();
    // The page read the new state behind the dialog: on hold, its release the only way on.
    await row(page, 'CARACE').getByText('On hold').waitFor();
    await row(page, 'CARACE').getByRole('button', { name: 'Request release' }).waitFor();

    // Payment terms: the terms now, the catalogue, a date.
    await row(page, 'CALOW').getByRole('button', { name: 'Payment terms' }).click();
    const terms = page.getByRole('dialog');
    await terms.getByText('No terms assigned').waitFor();
    await terms.getByRole('button', { name: 'Set the terms' }).click();
    await terms.getByText('Choose the terms.').waitFor();
    await terms.getByLabel('New terms').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Net 60' }).first().click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await terms.getByRole('button', { name: 'Set the terms' }).click();
    await page.getByRole('status').filter({ hasText: 'CALOW has the terms NET60' }).waitFor();
    const assigned = await graphqlAs(
      context,
      stack.baseUrl,
      '{ customer(code: "CALOW") { paymentTerms { code } } }',
    );
    expect(assigned.data).toEqual({ customer: { paymentTerms: { code: 'NET60' } } });
    expect(problems.list).toEqual([]);
    await context.close();
  }, 240_000);

  it('a clerk (in Chinese) places a hold but has no manager action; an auditor has none', async () => {
    const zh = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const clerk = await zh.context.newPage();
    await signIn(clerk, 'clerk', ZH, '/credit');
    await clerk.getByRole('heading', { name: '信用管理' }).waitFor();
    const target = row(clerk, 'CACLERK');
    await target.getByRole('button', { name: '冻结' }).waitFor();
    for (const name of ['降低额度', '采用建议额度', '付款条件'])
      expect(await clerk.getByRole('button', { name }).count()).toBe(0);
    await target.getByRole('button', { name: '冻结' }).click();
    const hold = clerk.getByRole('dialog');
    await hold.getByText('冻结立即生效').waitFor();
    expect(await seriousAccessibilityViolations(clerk)).toEqual([]);
    await hold.getByLabel('理由').fill('客户破产传闻');
    await hold.getByRole('button', { name: '确认冻结' }).click();
    await clerk.getByRole('status').filter({ hasText: 'CACLERK 已冻结。' }).waitFor();
    await target.getByText('已冻结').waitFor();
    // Its release is a request now; the hold button is gone.
    await target.getByRole('button', { name: '申请解冻' }).waitFor();
    expect(await target.getByRole('button', { name: '冻结' }).count()).toBe(0);
    // The server refuses a clerk's lower limit all the same.
    const refused = await graphqlAs(
      zh.context,
      stack.baseUrl,
      'mutation { lowerCreditLimit(customerCode: "CALOW", currency: "CNY", amount: "1", reason: "x") { amount } }',
    );
    expect(refused.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(zh.problems.list).toEqual([]);
    await zh.context.close();

    const en = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const auditor = await en.context.newPage();
    await signIn(auditor, 'auditor', EN, '/credit');
    await row(auditor, 'CALOW').waitFor();
    for (const name of ['Place hold', 'Lower limit', 'Accept suggested', 'Payment terms'])
      expect(await auditor.getByRole('button', { name }).count()).toBe(0);
    expect(en.problems.list).toEqual([]);
    await en.context.close();
  }, 120_000);
});
