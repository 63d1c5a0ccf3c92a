import { DunningStarter } from '../../collections/dunning-starter';
import { Customer } from '../../entities/customer.entity';
import { dateOfDay } from '../../formats/date';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { type BrowserStack, EN, graphqlAs, signIn, startBrowserStack, ZH } from './support/stack';

const today = () => Math.floor(Date.now() / 86_400_000);
const day = (offset: number) => dateOfDay(today() + offset);

describe('in the browser: collections (the collector worklist and a customer in dunning)', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_collect');
    const { dataSource } = stack.harness.db;
    const customer = await dataSource
      .getRepository(Customer)
      .save({ code: 'DUN', name: '华南五金 South Hardware', currency: 'CNY' });
    await dataSource.query(
      "INSERT INTO credit_profiles (customer_id, risk_class, score) VALUES (?, 'C', 45)",
      [customer.id],
    );
    // Net 30 by default: the invoice is 10 days overdue, so the first level is due.
    await upsertLedgerEntries(dataSource, [
      {
        customerCode: 'DUN',
        source: 'erp',
        externalId: 'dun-1',
        entryDate: day(-40),
        kind: 'INVOICE',
        amount: '12800.50',
        currency: 'CNY',
        docNo: 'INV-DUN-1',
      },
    ]);
    await new DunningStarter(stack.harness.env.client, stack.harness.taskQueue).start(customer, day(-10));
    for (let i = 0; ; i += 1) {
      const [sent] = (await dataSource.query(
        "SELECT COUNT(*) AS n FROM dunning_letters WHERE customer_id = ? AND status = 'SENT'",
        [customer.id],
      )) as Array<{ n: string }>;
      if (Number(sent.n) > 0) break;
      if (i > 150) throw new Error('the first dunning letter was never sent');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.harness.env.client.workflow
      .getHandle('dunning-DUN')
      .terminate('test over')
      .catch(() => undefined);
    await stack?.stop();
  });

  it('a clerk finds the customer on the worklist and records a promise to pay (zh)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'clerk', ZH, '/collections');
    await page.getByRole('heading', { name: '催款工作台' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'DUN' });
    await row.getByText('12,800.50 CNY').waitFor();
    await row.getByText('第 1 级').waitFor();
    // A clerk does not read reports: no KPI tiles (the server would refuse them).
    expect(await page.getByText('回款有效性指数 (CEI)').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole('link', { name: /DUN/ }).click();
    await page.getByRole('heading', { name: 'DUN 的催收' }).waitFor();
    await page.getByText('下一级：第 2 级', { exact: false }).waitFor();
    await page.getByRole('button', { name: '记录承诺付款' }).click();
    const dialog = page.getByRole('dialog', { name: '记录承诺付款' });
    await dialog.getByLabel('承诺付款日').fill(day(7));
    await dialog.getByLabel('承诺付款日').press('Enter');
    await dialog.getByLabel('备注').fill('电话确认下周付款');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存。' }).waitFor();
    await page
      .getByText(`${day(7)} 前付 全部逾期金额`, { exact: false })
      .first()
      .waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();

    const [promise] = (await stack.harness.db.dataSource.query(
      "SELECT p.promised_date AS d, p.status FROM dunning_promises p JOIN customers c ON c.id = p.customer_id WHERE c.code = 'DUN'",
    )) as Array<{ d: string | Date; status: string }>;
    expect(promise.status).toBe('OPEN');
  }, 90_000);

  it('an auditor reads the worklist, the KPIs and the customer, with no action to take (en)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'auditor', EN, '/collections');
    await page.getByRole('heading', { name: 'Collections', exact: true }).waitFor();
    await page.getByText('Collection effectiveness (CEI)').waitFor();
    await page.getByRole('row').filter({ hasText: 'DUN' }).getByRole('link').click();
    await page.getByRole('heading', { name: 'Collecting from DUN' }).waitFor();
    await page.getByText('Promised to pay').first().waitFor();
    expect(await page.getByRole('button', { name: 'Record a promise to pay' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record a dispute (pauses dunning)' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);

  it('a refused action (someone else acted first) shows the case as it is now, not as it was (en)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'clerk2', EN, '/collections/DUN');
    await page.getByRole('heading', { name: 'Collecting from DUN' }).waitFor();
    await page.getByRole('button', { name: 'Record a dispute (pauses dunning)' }).click();
    // Meanwhile the other clerk records the customer's dispute.
    const other = await newContext(stack.browser, stack.baseUrl, 'en-US');
    await signIn(await other.context.newPage(), 'clerk', EN, '/collections');
    const paused = await graphqlAs(
      other.context,
      stack.baseUrl,
      'mutation { pauseDunning(customerCode: "DUN", reason: "客户称已付款 says paid") { status } }',
    );
    expect(paused.errors).toBeUndefined();
    await other.context.close();

    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('quality complaint');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('This record has moved on', { exact: false }).waitFor();
    // "The page now shows its current state": behind the dialog, the dispute and its button.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('客户称已付款 says paid', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Resolve the dispute' }).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  }, 90_000);
});
