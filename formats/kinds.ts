// The one kinds table: what people call each kind of line, in Chinese and English, for every reader
// of files (imports/ and the matching CLI). Case, width (全角/半角), spaces, '_' and '-' do not matter.

/** The kinds of line Recon stores (the names of contract/enums.ts's EntryKind). */
export const LINE_KINDS = [
  'OPENING',
  'INVOICE',
  'RECEIPT',
  'CREDIT_NOTE',
  'DEBIT_NOTE',
  'ADJUSTMENT',
  'OTHER',
] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** Balance rows are not lines: they carry a side's opening or closing balance for the period. */
export type BalanceKind = 'OPENING_BALANCE' | 'CLOSING_BALANCE';
export type KindCode = LineKind | BalanceKind;

export const KIND_NAMES: Readonly<Record<KindCode, readonly string[]>> = {
  OPENING_BALANCE: [
    'opening',
    'opening balance',
    'balance brought forward',
    'balance b/f',
    'b/f',
    'brought forward',
    '期初',
    '期初余额',
    '期初数',
    '上期结余',
    '上期余额',
    '上月结余',
    '上月余额',
    '年初余额',
    '上年结转',
    '上期结转',
    '上月结转',
  ],
  CLOSING_BALANCE: [
    'closing',
    'closing balance',
    'balance carried forward',
    'balance c/f',
    'c/f',
    'carried forward',
    '期末',
    '期末余额',
    '期末数',
    '本期结余',
    '本期余额',
    '本月结余',
    '本月余额',
    '结转下年',
    '结转下期',
    '结转下月',
  ],
  OPENING: [],
  INVOICE: [
    'invoice',
    'inv',
    'sales invoice',
    '发票',
    '销售发票',
    '增值税发票',
    '增值税专用发票',
    '增值税普通发票',
    '专票',
    '普票',
    '开票',
    '应收',
    '销售',
    '销货',
  ],
  RECEIPT: [
    'receipt',
    'payment',
    'payment received',
    'cash receipt',
    'remittance',
    '收款',
    '回款',
    '付款',
    '到款',
    '汇款',
    '银行收款',
    '收到货款',
    '转账',
    '承兑汇票',
    '银行承兑汇票',
  ],
  CREDIT_NOTE: [
    'credit note',
    'credit memo',
    'credit',
    'cn',
    '红字发票',
    '红冲',
    '红票',
    '退货',
    '销售退回',
    '折让',
    '销售折让',
    '贷项通知单',
  ],
  DEBIT_NOTE: ['debit note', 'debit memo', 'dn', '借项通知单', '借项'],
  ADJUSTMENT: ['adjustment', 'adj', 'write off', 'write-off', '调整', '调账', '差异调整', '坏账核销'],
  OTHER: ['other', '其他'],
};

/** How two names are compared: NFKC (full-width to half-width), lower case, spaces, '_' and '-' as one space. */
export function normalizeKindName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

const TABLE = new Map<string, KindCode>();
for (const [code, names] of Object.entries(KIND_NAMES) as Array<[KindCode, readonly string[]]>) {
  // Every code is also its own name: INVOICE, credit_note, opening_balance.
  for (const name of [code, ...names]) TABLE.set(normalizeKindName(name), code);
}
// The stored enum name OPENING is the opening balance when it comes as a row of a file.
TABLE.set(normalizeKindName('OPENING'), 'OPENING_BALANCE');

/** The kind a name stands for, or null when it is none of the names (the caller refuses the row). */
export function lookupKind(text: string): KindCode | null {
  return TABLE.get(normalizeKindName(text)) ?? null;
}

export function isBalanceKind(kind: KindCode): kind is BalanceKind {
  return kind === 'OPENING_BALANCE' || kind === 'CLOSING_BALANCE';
}

/** A few names of each kind, for messages that refuse an unknown one. */
export function knownKindNames(): string {
  return (Object.entries(KIND_NAMES) as Array<[KindCode, readonly string[]]>)
    .filter(([, names]) => names.length > 0)
    .map(
      ([code, names]) =>
        `${code.toLowerCase()} (${names
          .filter((n) => /[^\u0020-\u007e]/.test(n))
          .slice(0, 2)
          .join('/')})`,
    )
    .join(', ');
}
