import { EntryKind } from '../contract/enums';
import type { MappingTemplate } from './template';

/**
 * Starting points for a mapping template (`recon import template example NAME`), each valid as it
 * stands. `notes` says what each setting does; only `template` goes into the file.
 */
export const TEMPLATE_EXAMPLES: Readonly<
  Record<
    string,
    { readonly title: string; readonly template: MappingTemplate; readonly notes: readonly string[] }
  >
> = {
  'debit-credit': {
    title:
      "A customer's statement from Chinese accounting software: 借方/贷方 under a merged 金额 header, 余额 column",
    template: {
      headerRows: 2,
      columns: {
        date: '日期',
        docNo: '凭证号',
        description: '摘要',
        reference: '发票号',
        balance: '余额',
      },
      amount: { debit: '借方', credit: '贷方', debitIs: 'DECREASE' },
      kindMap: { 货款: EntryKind.INVOICE, 付款: EntryKind.RECEIPT },
      skipRowsStartingWith: ['备注'],
    },
    notes: [
      'headerRows: 2 — 金额 is merged over 借方/贷方 in the row above; columns are then found by 借方, 贷方 or 金额/借方.',
      'columns: header texts as the file writes them (full/half width, case and spaces do not matter) or 1-based numbers.',
      'columns.balance: the running balance 余额; only balance rows (期初余额, 期末余额, 上期结余, …) are read from it.',
      'amount.debitIs: DECREASE — the customer books our invoices on the credit side (贷方) of its payables, its payments on the debit side. For our own ledger export use INCREASE (the default).',
      'kindMap: words of the file to kinds (INVOICE, RECEIPT, CREDIT_NOTE, DEBIT_NOTE, ADJUSTMENT, OTHER, OPENING_BALANCE, CLOSING_BALANCE), added to the built-in table (发票, 收款, 红字发票, …).',
      'skipRowsStartingWith: more rows to skip, added to the defaults (合计, 本月合计, 本年累计, 承前页, 制表人, 审核, …).',
      'Also: sheet (XLSX name or number), headerRow (1-based; 0 for none), encoding (utf8, gb18030, utf16le, utf16be), delimiter, dateFormat (AUTO, YMD, DMY, MDY, EXCEL_SERIAL), currency, balancePositiveMeans.',
    ],
  },
  signed: {
    title: 'One signed amount column (an ERP export, or a simple CSV)',
    template: {
      columns: {
        date: 'Date',
        docNo: 'Document',
        reference: 'Reference',
        description: 'Description',
        kind: 'Type',
      },
      amount: { column: 'Amount', positiveMeans: 'INCREASE' },
      dateFormat: 'AUTO',
    },
    notes: [
      'amount.positiveMeans: INCREASE — a positive amount raises what the customer owes us (an invoice); (500.00), -500.00 and 500.00- are negative.',
      'columns.kind: the document type column, read through the kinds table; without it, positive lines are invoices and negative ones receipts.',
      'dateFormat: AUTO reads 2026-11-05, 2026/11/5, 2026年11月5日, 20261105, Excel dates; 05/11/2026 needs DMY or MDY.',
    ],
  },
};
