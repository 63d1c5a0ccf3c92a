import { normalizeReference } from './normalize-reference';

// A document number: optional letters (INV, PAY-, 发票号…), then digits with - / . inside: 3+ digits,
// or 2 right after its letters ("INV-77"; a bare "15" is a day, not a document).
const DOCUMENT = /([a-z\u4e00-\u9fff]{1,8})?[\s#:：.-]*?(\d[\d\-/.]*\d|\d{3,})/giu;

/**
 * Document numbers written in a line's description ("payment INV 0101, 0102", "货款 发票号 12345"),
 * normalised as references are. A prefix carries over to the bare numbers that follow it, as people
 * write lists ("INV 0101, 0102").
 */
export function referencesInText(text: string | undefined): string[] {
  if (!text) return [];
  const found = new Set<string>();
  let prefix = '';
  for (const match of text.normalize('NFKC').matchAll(DOCUMENT)) {
    const digits = match[2];
    if (digits.replace(/\D/g, '').length < 3) {
      if (match[1]) found.add(normalizeReference(`${match[1]}${digits}`));
      continue;
    }
    if (match[1]) prefix = match[1];
    const bare = normalizeReference(digits);
    const prefixed = normalizeReference(`${prefix}${digits}`);
    if (bare) found.add(bare);
    if (prefixed) found.add(prefixed);
  }
  return [...found];
}
