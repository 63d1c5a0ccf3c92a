import type { Page } from 'playwright-core';
import { Customer } from '../../entities/customer.entity';
import { dateOfDay } from '../../formats/date';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { type BrowserStack, EN, graphqlAs, signIn, startBrowserStack, ZH } from './support/stack';

const today = () => Math.floor(Date.now() / 86_400_000);
const day = (offset: number) => dateOfDay(today() + offset);

const item = (page: Page, docNo: string) =>
  page.locator('tr').filter({ has: page.getByTestId(`open-item-${docNo}`) });

describe("in the browser: a customer's open items, a receipt applied by hand and reversed", () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_open_items');
    const { dataSource } = stack.harness.db;
    await dataSource
      .getRepository(Customer)
      .save({ code: 'OPEN', name: '开项客户 Open Items Ltd', currency: 'CNY' });
    // Oldest-first gives RC-1 to INV-1; the customer said it pays INV-2.
    const entry = (externalId: string, offset: number, kind: string, amount: string, docNo: string) => ({
      customerCode: 'OPEN',
      source: 'erp',
      externalId,
      entryDate: day(offset),
      kind,
      amount,
      currency: 'CNY',
      docNo,
    });
    await upsertLedgerEntries(dataSource, [
      entry('o-1', -60, 'INVOICE', '1000', 'INV-1'),
      entry('o-2', -50, 'INVOICE', '600', 'INV-2'),
      entry('o-3', -5, 'RECEIPT', '-600', 'RC-1'),
    ]);
  }, 180_000);

  afterAll(() => stack?.stop());

  it('a clerk applies a receipt to the invoice it pays, is refused applying it twice, and reverses it', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'clerk', EN, '/collections/OPEN');
    const section = page.getByRole('region', { name: 'Open items' });
    await item(page, 'INV-1').getByText('400.00').waitFor();
    await item(page, 'INV-1').getByText('oldest first').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await item(page, 'INV-2').getByRole('button', { name: 'Apply a receipt' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('INV-2 still owes 600.00 CNY').waitFor();
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await dialog.getByText('Choose the receipt or credit note.').waitFor();
    await dialog.getByLabel('Receipt or credit note').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'RC-1' }).click();
    // The amount is what the invoice owes (the receipt is as large).
    // (The form fills it in after the choice renders: wait for it rather than read it at once.)
    await dialog.locator('input[value="600"]').waitFor();
    expect(await dialog.getByLabel('Amount to apply').inputValue()).toBe('600');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    await section.getByRole('status').filter({ hasText: 'Applied to INV-2.' }).waitFor();
    // INV-2 is settled by hand (listed, so that it can be reversed); INV-1 owes all of it again.
    await item(page, 'INV-2').getByText('by hand').waitFor();
    await item(page, 'INV-1').getByText('1,000.00').nth(1).waitFor();

    // RC-1 has nothing left to apply by hand: the refusal is read in the dialog, with what the
    // server found wrong in which field (extensions.problems), not only "something is not right".
    await item(page, 'INV-1').getByRole('button', { name: 'Apply a receipt' }).click();
    await dialog.getByLabel('Receipt or credit note').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'RC-1' }).click();
    await dialog.getByLabel('Amount to apply').fill('100');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'not right' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(
      /What the server found: Amount: the credit has 0(\.0+)? left to apply by hand\./,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await item(page, 'INV-2').getByRole('button', { name: 'Reverse' }).click();
    await dialog.getByText('RC-1 settles 600.00 of INV-2 by hand').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Reverse' }).click();
    await section
      .getByRole('status')
      .filter({ hasText: 'The hand application on INV-2 is reversed.' })
      .waitFor();
    await item(page, 'INV-1').getByText('400.00').waitFor();
    expect(await item(page, 'INV-2').getByText('by hand').count()).toBe(0);
    const open = await graphqlAs(
      context,
      stack.baseUrl,
      '{ openItems(customerCode: "OPEN") { items { docNo openAmount } } }',
    );
    expect(open.data).toEqual({
      openItems: {
        items: [
          { docNo: 'INV-1', openAmount: '400' },
          { docNo: 'INV-2', openAmount: '600' },
        ],
      },
    });
    expect(problems.list).toEqual([]);
    await context.close();
  }, 180_000);

  it('shows an auditor (in Chinese) the open items without apply or reverse buttons', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await signIn(page, 'auditor', ZH, '/collections/OPEN');
    await page.getByRole('region', { name: '应收未清项' }).waitFor();
    await item(page, 'INV-2').getByText('600.00').first().waitFor();
    expect(await page.getByRole('button', { name: '核销收款' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '撤销' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);

  it('says how many settled invoices and credits a long history leaves out', async () => {
    // 101 invoices, each paid by its own receipt: the 100 most recently settled of each are looked
    // at, one invoice and one receipt are left out, and the page says so rather than drop them silently.
    const paid = Array.from({ length: 101 }, (_, n) => [
      {
        customerCode: 'LONG',
        source: 'erp',
        externalId: `l-i${n}`,
        entryDate: day(-300 + n),
        kind: 'INVOICE',
        amount: '10',
        currency: 'CNY',
        docNo: `L-INV-${n}`,
      },
      {
        customerCode: 'LONG',
        source: 'erp',
        externalId: `l-r${n}`,
        entryDate: day(-299 + n),
        kind: 'RECEIPT',
        amount: '-10',
        currency: 'CNY',
        docNo: `L-RC-${n}`,
      },
    ]).flat();
    const { dataSource } = stack.harness.db;
    await dataSource
      .getRepository(Customer)
      .save({ code: 'LONG', name: '长历史客户 Long History Ltd', currency: 'CNY' });
    await upsertLedgerEntries(dataSource, paid);
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await signIn(page, 'clerk', EN, '/collections/LONG');
    await page.getByRole('region', { name: 'Open items' }).waitFor();
    const note = page.getByTestId('settled-left-out');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/^2 older settled invoices and used-up credits are not listed/);
    expect(problems.list).toEqual([]);
    await context.close();
  }, 60_000);
});
