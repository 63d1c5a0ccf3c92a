import { normalizeReference } from '../normalize-reference';
import type { Prepared } from '../prepare';

/**
 * Both lines carry a document number or reference, and nothing either names is the other's, nor a
 * variant of it: one number inside the other (`INV-1001-R` reverses `INV-1001`), or the same once
 * the zeros that pad each part are dropped (`INV/2019/0002` written `INV/2019/2`).
 */
export function conflictingNumbers(a: Prepared, b: Prepared): boolean {
  // Only a number is a document's: words in a reference column ("十月货款", "bank transfer") are not.
  if (!a.norms.some(hasDigit) || !b.norms.some(hasDigit)) return false;
  const named = new Set([...a.norms, ...a.textRefs]);
  if (b.norms.some((n) => named.has(n)) || b.textRefs.some((n) => named.has(n))) return false;
  if (a.norms.some((x) => b.norms.some((y) => x.includes(y) || y.includes(x)))) return false;
  const unpadded = (l: Prepared) => [l.docNo, l.reference].filter(Boolean).map(withoutPadding);
  const theirs = new Set(unpadded(b));
  return !unpadded(a).some((x) => x !== '' && theirs.has(x));
}

/**
 * A group found by amounts alone (a subset sum, N:M left over) in which a line of ours and a line of
 * theirs of the same kind each name a document and not the same one (invoice INV-300 against
 * invoices INV-301 + INV-302): the references speak against it, as they do against a 1:1 pair. A
 * payment's own number against the invoices it pays is no conflict (each kind is numbered on its
 * own). The text for the evidence, else undefined.
 */
export function conflictingGroup(ours: Prepared[], theirs: Prepared[]): string | undefined {
  const against = (o: Prepared, t: Prepared) => o.kind === t.kind && conflictingNumbers(o, t);
  const mine = ours.filter((o) => theirs.some((t) => against(o, t)));
  if (mine.length === 0) return undefined;
  const other = theirs.filter((t) => mine.some((o) => against(o, t)));
  return `but the documents differ: our ${numbers(mine)}, their ${numbers(other)}`;
}

/** "document number INV-301, INV-302" (the field of the first, every line's number). */
function numbers(lines: Prepared[]): string {
  const field = lines.every((l) => l.rawField === lines[0].rawField) ? lines[0].rawField : 'references';
  const fieldText = field === 'document number' && lines.length > 1 ? 'document numbers' : field;
  return `${fieldText} ${lines.map((l) => l.raw).join(', ')}`;
}

const hasDigit = (text: string) => /\d/.test(text);

/** The number with each part's leading zeros dropped, normalised: `INV/2019/0002` → `20192`. */
const withoutPadding = (raw: string) => normalizeReference(raw.replace(/(^|\D)0+(?=\d)/g, '$1'));
