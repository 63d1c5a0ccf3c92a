import { EntryKind } from '../entities/enums';
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
    return kind;
  };
}
