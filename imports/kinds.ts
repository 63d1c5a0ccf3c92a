import { EntryKind } from '../contract/enums';
import { lookupKind, normalizeKindName, type BalanceKind, type KindCode } from '../formats/kinds';
import type { KindMapTarget } from './template';

/** What a word of the file names: a kind of line, a balance row, or nothing known. */
export type KindWord = { line: EntryKind } | { balance: BalanceKind } | null;

/**
 * Looks words up: the template's own (kindMap) first, then the shared kinds table (formats/kinds.ts,
 * both languages). Opening and closing balance names (期初余额, 上期结余, 期末余额, …) are balance rows,
 * never lines: they set the statement's balances.
 */
export function createKindLookup(
  kindMap: Readonly<Record<string, KindMapTarget>> = {},
): (text: string) => KindWord {
  const own = new Map<string, KindMapTarget>();
  for (const [word, kind] of Object.entries(kindMap)) own.set(normalizeKindName(word), kind);
  const word = (kind: KindMapTarget | KindCode | null): KindWord => {
    if (kind === null) return null;
    if (kind === 'OPENING_BALANCE' || kind === 'CLOSING_BALANCE') return { balance: kind };
    return { line: EntryKind[kind] };
  };
  return (text) => {
    const mapped = own.get(normalizeKindName(text));
    if (mapped) return word(mapped);
    return word(lookupKind(text));
  };
}

/** Cheap pre-test: text that could name a balance row in the shared table (most descriptions cannot). */
const MAY_NAME_BALANCE =
  /余额|结余|结存|结转|期初|期末|年初|balance|brought|carried|opening|closing|b\/f|c\/f/i;

/**
 * Which balance row, if any, a cell's text names: the whole text ("期初余额"), or its first word
 * ("期初余额：", "期初余额 Opening balance", "上月结余(2026-10-31)").
 */
export function createBalanceLookup(
  kindMap: Readonly<Record<string, KindMapTarget>> = {},
): (text: string) => BalanceKind | null {
  const lookup = createKindLookup(kindMap);
  const ownBalanceWords = Object.values(kindMap).some(
    (k) => k === 'OPENING_BALANCE' || k === 'CLOSING_BALANCE',
  );
  const balanceOf = (text: string): BalanceKind | null => {
    const found = lookup(text);
    return found && 'balance' in found ? found.balance : null;
  };
  return (text) => {
    if (!ownBalanceWords && !MAY_NAME_BALANCE.test(text)) return null;
    const whole = balanceOf(text);
    if (whole) return whole;
    const first = text.trim().split(/[\s:：(（,，/]+/)[0] ?? '';
    return first && first !== text.trim() ? balanceOf(first) : null;
  };
}

/** Without a kind: what raises the balance is an invoice, what lowers it a receipt. */
export function kindBySign(amount: string): EntryKind {
  if (amount.startsWith('-')) return EntryKind.RECEIPT;
  return /[1-9]/.test(amount) ? EntryKind.INVOICE : EntryKind.OTHER;
}
