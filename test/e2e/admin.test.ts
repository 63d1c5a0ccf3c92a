import type { Page } from 'playwright-core';
import { ApiKey } from '../../entities/api-key.entity';
import { Customer } from '../../entities/customer.entity';
import { MappingTemplate } from '../../entities/mapping-template.entity';
import { User } from '../../entities/user.entity';
import { WebhookDelivery, WebhookDeliveryStatus } from '../../entities/webhook-delivery.entity';
import { WebhookEvent } from '../../entities/webhook-event.entity';
import { WebhookSubscription } from '../../entities/webhook-subscription.entity';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { type BrowserStack, EN, graphqlAs, signIn, STAFF, startBrowserStack, ZH } from './support/stack';

/** Axe once the dialog has finished zooming in (half-faded colours are not what users read). */
async function dialogSettled(page: Page) {
  await page.waitForFunction(() => {
    const modal = document.querySelector('.ant-modal');
    return !!modal && !/zoom/.test(modal.className) && getComputedStyle(modal).opacity === '1';
  });
}

const UPDATE_SETTINGS = `mutation ($c: String!, $r: JSON, $v: Int) {
  updateCustomerSettings(code: $c, ruleSettings: $r, expectedVersion: $v) { version } }`;

describe('in the browser: the admin pages (users, API keys, customer settings, templates, webhooks)', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_admin');
    await stack.harness.db.dataSource
      .getRepository(Customer)
      .save({ code: 'ADM', name: '华东贸易 East Trading', currency: 'CNY' });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('an admin creates and deactivates a user (not themselves) and an API key whose secret shows once', async () => {
    const { dataSource } = stack.harness.db;
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'admin', ZH, '/admin/users');
    await page.getByRole('heading', { name: '用户与角色' }).waitFor();
    // Their own row cannot be demoted or deactivated, and the page says so (the server refuses it too).
    const mine = page.getByRole('row').filter({ hasText: STAFF.admin.email });
    await mine.getByText('（您本人）').waitFor();
    expect(await mine.getByRole('button', { name: '停用' }).isDisabled()).toBe(true);
    expect(await mine.getByRole('combobox', { name: `${STAFF.admin.email} 的角色` }).isDisabled()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('邮箱').fill('Qian.Clerk@recon.test');
    await dialog.getByLabel('姓名').fill('钱会计 Qian');
    // The server's password rule (no e-mail in it) comes back on the password field.
    await dialog.getByLabel('初始密码').fill('qian.clerk@recon.test');
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText(/^服务器拒绝：/).waitFor();
    await dialogSettled(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByLabel('初始密码').fill('a long enough first secret');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('status').filter({ hasText: '已创建用户 qian.clerk@recon.test。' }).waitFor();
    const qian = page.getByRole('row').filter({ hasText: 'qian.clerk@recon.test' });
    await qian.getByRole('button', { name: '停用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '停用' }).click();
    await page.getByRole('status').filter({ hasText: '已停用 qian.clerk@recon.test。' }).waitFor();
    await qian.getByText('已停用').waitFor();
    expect(
      await dataSource.getRepository(User).findOneByOrFail({ email: 'qian.clerk@recon.test' }),
    ).toMatchObject({ role: 'CLERK', active: false });

    await page.getByRole('menuitem', { name: 'API 密钥' }).click();
    await page.getByRole('heading', { name: 'API 密钥' }).waitFor();
    await page.getByRole('button', { name: '新建密钥' }).click();
    const keyDialog = page.getByRole('dialog', { name: '新建 API 密钥' });
    await keyDialog.getByLabel('名称').fill('金蝶 ERP');
    await keyDialog.getByRole('checkbox', { name: 'read', exact: true }).check();
    await keyDialog.getByRole('checkbox', { name: 'ledger:write' }).check();
    await keyDialog.getByRole('button', { name: '创建' }).click();
    const secretDialog = page.getByRole('dialog', { name: '新密钥 金蝶 ERP' });
    await secretDialog.getByText('关闭此窗口后将无法再次查看', { exact: false }).waitFor();
    const key = (await secretDialog.getByTestId('secret-once').textContent())!.trim();
    expect(key).toMatch(/^rk_/);
    await secretDialog.getByRole('button', { name: '复制' }).waitFor();
    await dialogSettled(page);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await secretDialog.getByRole('button', { name: '我已保存' }).click();
    await secretDialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: '金蝶 ERP' });
    await row.getByText('ledger:write').waitFor();
    await row.getByText('从未使用').waitFor();
    expect(await page.content()).not.toContain(key);
    // The key works, with its scopes only; after a reload it is nowhere on the page.
    const me = await context.request.post(`${stack.baseUrl}/graphql`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      data: { query: '{ me { kind name } }' },
    });
    expect(await me.json()).toEqual({ data: { me: { kind: 'apiKey', name: '金蝶 ERP' } } });
    await page.reload();
    await page.getByRole('row').filter({ hasText: '金蝶 ERP' }).waitFor();
    expect(await page.content()).not.toContain(key);
    // …and the list now says when the key was last used.
    expect(await page.getByRole('row').filter({ hasText: '金蝶 ERP' }).getByText('从未使用').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('row').filter({ hasText: '金蝶 ERP' }).getByRole('button', { name: '撤销' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '撤销' }).click();
    await page.getByRole('status').filter({ hasText: '已撤销密钥 金蝶 ERP。' }).waitFor();
    expect(
      (await dataSource.getRepository(ApiKey).findOneByOrFail({ name: '金蝶 ERP' })).revokedAt,
    ).not.toBeNull();
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);

  it('an admin edits a tolerance; a concurrent save gives STALE_VERSION, shown with the new values, and the form is kept', async () => {
    const { dataSource } = stack.harness.db;
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'admin', EN, '/admin/customers');
    await page.getByRole('heading', { name: 'Customer settings' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Settings of 华东贸易 East Trading' }).click();
    await page.getByRole('heading', { name: 'Settings of 华东贸易 East Trading (ADM)' }).waitFor();
    expect(await page.getByLabel('Amount of row 1').inputValue()).toBe('50');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Amount of row 1').fill('80');
    await page.getByLabel('Statement recipient (e-mail)').fill('ap@east-trading.example.com');

    // Meanwhile another admin (the same API) widens the date window.
    const concurrent = await graphqlAs(context, stack.baseUrl, UPDATE_SETTINGS, {
      c: 'ADM',
      r: { dateWindowDays: 9 },
      v: 1,
    });
    expect(concurrent).toEqual({ data: { updateCustomerSettings: { version: 2 } } });

    await page.getByRole('button', { name: 'Save' }).click();
    const stale = page
      .getByRole('alert')
      .filter({ hasText: "Someone else has just saved this customer's settings" });
    await stale.waitFor();
    await stale.getByTestId('stale-changes').getByText('Date window (days)').waitFor();
    expect(await page.getByLabel('Date window (days)').inputValue()).toBe('9');
    expect(await page.getByLabel('Amount of row 1').inputValue()).toBe('80');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved (version 3)' }).waitFor();
    const saved = await dataSource.getRepository(Customer).findOneByOrFail({ code: 'ADM' });
    expect(saved.ruleSettings).toEqual({
      dateWindowDays: 9,
      tolerances: { '*': { absolute: '80', percent: '0.5' } },
    });
    expect(saved.contactEmail).toBe('ap@east-trading.example.com');

    // A value only the server can judge (two managers below one) comes back on its field.
    await page.getByLabel('Manager approval above').fill('500');
    await page.getByLabel('Two managers above').fill('100');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Refused by the server: must not be below managerApprovalThreshold').waitFor();
    expect((await dataSource.getRepository(Customer).findOneByOrFail({ code: 'ADM' })).version).toBe(3);

    // The same page in Chinese.
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '华东贸易 East Trading (ADM) 的设置' }).waitFor();
    await page.getByText('当前版本：3', { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);

  it('an admin saves a mapping template (server errors by JSON path) and a webhook (secret once, paused)', async () => {
    const { dataSource } = stack.harness.db;
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'admin', EN, '/admin/templates');
    await page.getByRole('heading', { name: 'Mapping templates' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Name', { exact: true }).fill('erp-signed');
    const editor = page.getByLabel('Definition (JSON)');
    const starter = await editor.inputValue();
    await editor.fill(
      '{ "columns": { "date": "Date" }, "amount": { "column": "Amount", "positiveMeans": "UP" } }',
    );
    await page.getByRole('button', { name: 'Check and save' }).click();
    await page.getByTestId('template-problems').getByText('amount.positiveMeans').waitFor();
    expect(await dataSource.getRepository(MappingTemplate).count()).toBe(0);
    await editor.fill(starter);
    await page.getByRole('button', { name: 'Check and save' }).click();
    await page.getByRole('status').filter({ hasText: 'Template erp-signed saved (version 1).' }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'erp-signed' })
      .getByRole('button', { name: 'View' })
      .click();
    await page.getByTestId('template-definition').getByText('"positiveMeans": "INCREASE"').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).first().click();

    await page.getByRole('menuitem', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'New subscription' }).click();
    const dialog = page.getByRole('dialog', { name: 'New webhook subscription' });
    await dialog.getByLabel('Name').fill('ERP events');
    await dialog.getByLabel('URL').fill('ftp://erp.example/hook');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('Refused by the server: must be an http(s) URL', { exact: false }).waitFor();
    // A public address (nothing is sent in this test): private ones are refused unless allow-listed.
    await dialog.getByLabel('URL').fill('https://93.184.215.14/recon-hook');
    await dialog.getByRole('checkbox', { name: 'task.created' }).check();
    await dialog.getByRole('button', { name: 'Create' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Signing secret of ERP events' });
    const secret = (await secretDialog.getByTestId('secret-once').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    const row = page.getByRole('row').filter({ hasText: 'ERP events' });
    await row.getByText('task.created').waitFor();
    await row.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('status').filter({ hasText: 'ERP events paused.' }).waitFor();
    await row.getByText('Paused').waitFor();
    expect(await page.content()).not.toContain(secret);
    const subscription = await dataSource
      .getRepository(WebhookSubscription)
      .findOneByOrFail({ name: 'ERP events' });
    expect(subscription).toMatchObject({ active: false, eventTypes: ['task.created'] });

    // A delivery that failed for good is sent again from its endpoint's log.
    const event = await dataSource.getRepository(WebhookEvent).save({
      type: 'task.created',
      eventKey: 'e2e-admin-task-1',
      payload: { taskId: '1' },
      occurredAt: new Date(),
    });
    const failed = await dataSource.getRepository(WebhookDelivery).save({
      eventId: event.id,
      subscriptionId: subscription.id,
      status: WebhookDeliveryStatus.FAILED,
      attempts: 8,
      nextAttemptAt: new Date(),
    });
    await row.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries to ERP events' }).waitFor();
    const delivery = page.getByRole('row').filter({ hasText: 'Failed' });
    await delivery.getByRole('button', { name: 'Send again' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Delivery ${failed.id} is queued to be sent again.` })
      .waitFor();
    await page.getByRole('row').filter({ hasText: 'Sending' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect((await dataSource.getRepository(WebhookDelivery).findOneByOrFail({ id: failed.id })).status).toBe(
      WebhookDeliveryStatus.PENDING,
    );
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);

  it('a clerk who types an admin address sees the Forbidden page, and the server refuses their calls', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'clerk', ZH, '/admin/users');
    await page.getByText('无权访问', { exact: true }).waitFor();
    expect(await page.getByRole('menuitem', { name: '用户与角色' }).count()).toBe(0);
    for (const path of ['/admin/api-keys', '/admin/customers/ADM/settings', '/admin/webhooks']) {
      await page.goto(path);
      await page.getByText('无权访问', { exact: true }).waitFor();
    }
    const codes = async (query: string, variables?: Record<string, unknown>) =>
      (await graphqlAs(context, stack.baseUrl, query, variables)).errors?.map((e) => e.extensions.code);
    expect(await codes('{ users { id } }')).toEqual(['FORBIDDEN']);
    expect(await codes('{ apiKeys { id } }')).toEqual(['FORBIDDEN']);
    expect(await codes('{ webhookSubscriptions { id } }')).toEqual(['FORBIDDEN']);
    expect(await codes(UPDATE_SETTINGS, { c: 'ADM', r: { dateWindowDays: 1 } })).toEqual(['FORBIDDEN']);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);
});
