import { EntryKind } from '../contract/enums';
import { normalizeLabel } from './text';

/** Words Chinese and English exports use for kinds of document; a template's kindMap adds to these. */
const BUILT_IN: Readonly<Record<string, EntryKind>> = {
  发票: EntryKind.INVOICE,
  销售发票: EntryKind.INVOICE,
  应收: EntryKind.INVOICE,
  invoice: EntryKind.INVOICE,
  收款: EntryKind.RECEIPT,
  付款: EntryKind.RECEIPT,
  回款: EntryKind.RECEIPT,
  receipt: EntryKind.RECEIPT,
  payment: EntryKind.RECEIPT,
  退货: EntryKind.CREDIT_NOTE,
  折让: EntryKind.CREDIT_NOTE,
  红字发票: EntryKind.CREDIT_NOTE,
  贷项通知单: EntryKind.CREDIT_NOTE,
  credit_note: EntryKind.CREDIT_NOTE,
  'credit note': EntryKind.CREDIT_NOTE,
  借项通知单: EntryKind.DEBIT_NOTE,
  debit_note: EntryKind.DEBIT_NOTE,
  'debit note': EntryKind.DEBIT_NOTE,
  调整: EntryKind.ADJUSTMENT,
  adjustment: EntryKind.ADJUSTMENT,
  期初: EntryKind.OPENING,
  期初余额: EntryKind.OPENING,
  opening: EntryKind.OPENING,
  其他: EntryKind.OTHER,
  other: EntryKind.OTHER,
};

/** Looks kinds up by normalised text: the template's own words first, then the built-in ones. */
export function createKindLookup(
  kindMap: Readonly<Record<string, EntryKind>> = {},
): (text: string) => EntryKind | null {
  const table = new Map<string, EntryKind>();
  for (const [word, kind] of Object.entries(BUILT_IN)) table.set(normalizeLabel(word), kind);
  for (const [word, kind] of Object.entries(kindMap)) table.set(normalizeLabel(word), kind);
  return (text) => table.get(normalizeLabel(text)) ?? null;
}

/** Without a kind column: what raises the balance is an invoice, what lowers it a receipt. */
export function kindBySign(amount: string): EntryKind {
  if (amount.startsWith('-')) return EntryKind.RECEIPT;
  return /[1-9]/.test(amount) ? EntryKind.INVOICE : EntryKind.OTHER;
}
