import { EntryKind } from '../contract/enums';

/**
 * October 2026 for four customers, with differences planted on purpose. Amounts are exact decimal
 * strings, signed the same way on both sides: positive increases what the customer owes us.
 * Our opening balance comes from an OPENING entry dated before the period, as an ERP migration
 * would load it; the customer states theirs on the statement.
 */
export const DEMO_PERIOD_KEY = '2026-10';

export interface DemoCustomer {
  code: string;
  name: string;
  nameEn: string;
  currency: string;
  contactEmail: string;
  locale: string;
}

export interface DemoLedgerEntry {
  source: string;
  externalId: string;
  entryDate: string;
  docNo: string;
  reference: string;
  description: string;
  kind: EntryKind;
  amount: string;
  currency: string;
}

export interface DemoStatementLine {
  externalId: string;
  txnDate: string;
  docNo?: string;
  reference?: string;
  description?: string;
  kind: EntryKind;
  amount: string;
  currency: string;
}

export interface DemoPeriod {
  customerCode: string;
  periodStart: string;
  periodEnd: string;
  ourOpeningBalance: string;
  ledger: DemoLedgerEntry[];
  statement: { openingBalance: string; closingBalance: string; lines: DemoStatementLine[] };
  plantedDifferences: Array<{ kind: string; description: string }>;
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    code: 'C001',
    name: '上海华东机电有限公司',
    nameEn: 'Shanghai Huadong Electromechanical Co., Ltd.',
    currency: 'CNY',
    contactEmail: 'finance@huadong-jd.example',
    locale: 'zh-CN',
  },
  {
    code: 'C002',
    name: '深圳前海星辰科技有限公司',
    nameEn: 'Shenzhen Qianhai Xingchen Technology Co., Ltd.',
    currency: 'CNY',
    contactEmail: 'ap@xingchen-tech.example',
    locale: 'zh-CN',
  },
  {
    code: 'C003',
    name: 'Northwind Trading Ltd',
    nameEn: 'Northwind Trading Ltd',
    currency: 'USD',
    contactEmail: 'payables@northwind.example',
    locale: 'en-US',
  },
  {
    code: 'C004',
    name: '杭州西湖茶业有限公司',
    nameEn: 'Hangzhou West Lake Tea Co., Ltd.',
    currency: 'CNY',
    contactEmail: 'caiwu@xihu-tea.example',
    locale: 'zh-CN',
  },
];

const ours =
  (code: string, currency: string) =>
  (
    externalId: string,
    entryDate: string,
    docNo: string,
    kind: EntryKind,
    amount: string,
    description: string,
    reference = docNo,
  ): DemoLedgerEntry => ({
    source: 'demo-erp',
    externalId: `${code}-${externalId}`,
    entryDate,
    docNo,
    reference,
    description,
    kind,
    amount,
    currency,
  });

const theirs =
  (currency: string) =>
  (
    externalId: string,
    txnDate: string,
    reference: string,
    kind: EntryKind,
    amount: string,
    description?: string,
  ): DemoStatementLine => ({
    externalId,
    txnDate,
    reference,
    ...(description ? { description } : {}),
    kind,
    amount,
    currency,
  });

/** Digits as a Chinese spreadsheet often types them: full-width (０-９). */
const fullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

const RANGE = { periodStart: '2026-10-01', periodEnd: '2026-10-31' };
const { OPENING, INVOICE, RECEIPT, CREDIT_NOTE, DEBIT_NOTE } = EntryKind;

const c1 = ours('C001', 'CNY');
const s1 = theirs('CNY');
const c2 = ours('C002', 'CNY');
const s2 = theirs('CNY');
const c3 = ours('C003', 'USD');
const s3 = theirs('USD');
const c4 = ours('C004', 'CNY');
const s4 = theirs('CNY');

export const DEMO_PERIODS: DemoPeriod[] = [
  {
    // Clean: every line has its counterpart (their references written their own way); goes to confirmation.
    customerCode: 'C001',
    ...RANGE,
    ourOpeningBalance: '50000.00',
    ledger: [
      c1('OB', '2026-09-30', 'OB-2026-09', OPENING, '50000.00', '期初余额 opening balance'),
      c1('0001', '2026-10-08', 'INV-2026-10-0001', INVOICE, '12800.00', '电机 motors'),
      c1('0002', '2026-10-15', 'INV-2026-10-0002', INVOICE, '36500.00', '变频器 inverters'),
      c1('R01', '2026-10-20', 'PMT-88231', RECEIPT, '-50000.00', '收款 payment received'),
      c1('CN1', '2026-10-22', 'CN-2026-10-0001', CREDIT_NOTE, '-1200.00', '退货 goods returned'),
      c1('0003', '2026-10-28', 'INV-2026-10-0003', INVOICE, '8880.00', '配件 spare parts'),
    ],
    statement: {
      openingBalance: '50000.00',
      closingBalance: '56980.00',
      lines: [
        s1('HD-1', '2026-10-08', 'inv 2026-10-0001', INVOICE, '12800.00', '购电机'),
        s1('HD-2', '2026-10-15', `发票号：${fullWidth('2026100002')}`, INVOICE, '36500.00', '购变频器'),
        s1('HD-3', '2026-10-20', '付款 PMT-88231', RECEIPT, '-50000.00', '电汇'),
        s1('HD-4', '2026-10-22', 'CN-2026-10-0001', CREDIT_NOTE, '-1200.00', '退货'),
        s1('HD-5', '2026-10-28', 'INV2026100003', INVOICE, '8880.00'),
      ],
    },
    plantedDifferences: [],
  },
  {
    // A receipt we booked on 31 October that the customer books on 1 November: in transit.
    customerCode: 'C002',
    ...RANGE,
    ourOpeningBalance: '15000.00',
    ledger: [
      c2('OB', '2026-09-30', 'OB-2026-09', OPENING, '15000.00', '期初余额 opening balance'),
      c2('0101', '2026-10-05', 'INV-2026-10-0101', INVOICE, '22000.00', '服务器 servers'),
      c2('R01', '2026-10-12', 'PMT-55101', RECEIPT, '-15000.00', '收款 payment received'),
      c2('0102', '2026-10-18', 'INV-2026-10-0102', INVOICE, '8000.00', '实施服务 implementation'),
      c2('R02', '2026-10-31', 'PMT-55102', RECEIPT, '-20000.00', '收款 payment received'),
    ],
    statement: {
      openingBalance: '15000.00',
      closingBalance: '30000.00',
      lines: [
        s2('XC-01', '2026-10-05', 'INV 2026-10-0101', INVOICE, '22000.00'),
        s2('XC-02', '2026-10-12', '付款 PMT-55101', RECEIPT, '-15000.00'),
        s2('XC-03', '2026-10-18', `发票号：${fullWidth('2026100102')}`, INVOICE, '8000.00'),
      ],
    },
    plantedDifferences: [
      {
        kind: 'TIMING',
        description: 'PMT-55102 −20,000.00: we booked it 2026-10-31, the customer on 2026-11-01',
      },
    ],
  },
  {
    // An invoice they have not booked, a bank fee taken from their payment, and a line they entered twice.
    customerCode: 'C003',
    ...RANGE,
    ourOpeningBalance: '5000.00',
    ledger: [
      c3('OB', '2026-09-30', 'OB-2026-09', OPENING, '5000.00', 'opening balance'),
      c3('0201', '2026-10-02', 'INV-2026-10-0201', INVOICE, '10000.00', 'container of green tea'),
      c3('0202', '2026-10-09', 'INV-2026-10-0202', INVOICE, '4250.00', 'sample shipment'),
      c3(
        'R01',
        '2026-10-25',
        'RCPT-0201',
        RECEIPT,
        '-9985.00',
        'wire received for INV-2026-10-0201',
        'INV-2026-10-0201',
      ),
      c3('0203', '2026-10-27', 'INV-2026-10-0203', INVOICE, '1500.00', 'packaging'),
    ],
    statement: {
      openingBalance: '5000.00',
      closingBalance: '8000.00',
      lines: [
        s3('NW-101', '2026-10-02', 'inv-2026-10-0201', INVOICE, '10000.00', 'Invoice INV-2026-10-0201'),
        s3('NW-102', '2026-10-24', 'INV-2026-10-0201', RECEIPT, '-10000.00', 'Payment for INV-2026-10-0201'),
        s3('NW-103', '2026-10-27', 'INV-2026-10-0203', INVOICE, '1500.00', 'Invoice INV-2026-10-0203'),
        s3('NW-104', '2026-10-27', 'INV-2026-10-0203', INVOICE, '1500.00', 'Invoice INV-2026-10-0203'),
      ],
    },
    plantedDifferences: [
      { kind: 'MISSING_IN_THEIRS', description: 'INV-2026-10-0202 4,250.00 is not on their statement' },
      { kind: 'TOLERANCE', description: 'they paid 10,000.00, we received 9,985.00: a 15.00 bank fee' },
      { kind: 'DUPLICATE', description: 'INV-2026-10-0203 appears twice on their statement' },
    ],
  },
  {
    // One receipt of ours that they split across three invoices, and an invoice they booked 60.00 short.
    customerCode: 'C004',
    ...RANGE,
    ourOpeningBalance: '0.00',
    ledger: [
      c4('0301', '2026-10-03', 'INV-2026-10-0301', INVOICE, '3200.00', '龙井茶 Longjing tea'),
      c4('0302', '2026-10-06', 'INV-2026-10-0302', INVOICE, '4800.00', '碧螺春 Biluochun tea'),
      c4('0303', '2026-10-09', 'INV-2026-10-0303', INVOICE, '2000.00', '茶具 tea sets'),
      c4('R01', '2026-10-20', 'PMT-77001', RECEIPT, '-10000.00', '收款 payment for 0301–0303'),
      c4('0304', '2026-10-21', 'INV-2026-10-0304', INVOICE, '6666.00', '白茶 white tea'),
      c4('DN1', '2026-10-25', 'DN-2026-10-0001', DEBIT_NOTE, '300.00', '运费 freight'),
    ],
    statement: {
      openingBalance: '0.00',
      closingBalance: '6906.00',
      lines: [
        s4('XH-1', '2026-10-03', 'inv2026100301', INVOICE, '3200.00'),
        s4('XH-2', '2026-10-06', 'INV 2026-10-0302', INVOICE, '4800.00'),
        s4('XH-3', '2026-10-09', `发票号：${fullWidth('2026100303')}`, INVOICE, '2000.00'),
        s4('XH-4', '2026-10-20', 'PMT-77001', RECEIPT, '-3200.00', '付款（0301）'),
        s4('XH-5', '2026-10-20', 'PMT-77001', RECEIPT, '-4800.00', '付款（0302）'),
        s4('XH-6', '2026-10-20', 'PMT-77001', RECEIPT, '-2000.00', '付款（0303）'),
        s4('XH-7', '2026-10-21', 'INV-2026-10-0304', INVOICE, '6606.00', '白茶'),
        s4('XH-8', '2026-10-25', 'DN-2026-10-0001', DEBIT_NOTE, '300.00', '运费'),
      ],
    },
    plantedDifferences: [
      { kind: 'AMOUNT_MISMATCH', description: 'INV-2026-10-0304: 6,666.00 in our books, 6,606.00 in theirs' },
      {
        kind: 'ONE_TO_MANY',
        description: 'our receipt PMT-77001 −10,000.00 is three payments on their side',
      },
    ],
  },
];
