import { EntryKind } from '../contract/enums';
import { lookupKind, normalizeKindName } from '../formats/kinds';

/**
 * Looks kinds up by name: the template's own words (kindMap) first, then the shared kinds table
 * (formats/kinds.ts, both languages). An opening-balance name is read as an OPENING line; a
 * closing-balance name is not a line (null: the row is refused as UNKNOWN_KIND).
 */
export function createKindLookup(
  kindMap: Readonly<Record<string, EntryKind>> = {},
): (text: string) => EntryKind | null {
  const own = new Map<string, EntryKind>();
  for (const [word, kind] of Object.entries(kindMap)) own.set(normalizeKindName(word), kind);
  return (text) => {
    const mapped = own.get(normalizeKindName(text));
    if (mapped) return mapped;
    const kind = lookupKind(text);
    if (kind === 'OPENING_BALANCE') return EntryKind.OPENING;
    if (kind === 'CLOSING_BALANCE' || kind === null) return null;
    return EntryKind[kind];
  };
}

/** Without a kind: what raises the balance is an invoice, what lowers it a receipt. */
export function kindBySign(amount: string): EntryKind {
  if (amount.startsWith('-')) return EntryKind.RECEIPT;
  return /[1-9]/.test(amount) ? EntryKind.INVOICE : EntryKind.OTHER;
}
