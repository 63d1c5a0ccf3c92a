import { normalizeReference } from './normalize-reference';

// A document number: optional letters (INV, PAY-, 发票号…, up to 16: "doudlidou3555", a payment
// reference Odoo writes on the invoice, is read whole), then digits with - / . inside: 3+ digits,
// or 2 right after its letters ("INV-77"), or 1 joined to them ("SINV-1"; "on the 5" is a day, and a
// bare "15" too, not a document).
const DOCUMENT = /([a-z\u4e00-\u9fff]{1,16})?[\s#:：.-]*?(\d[\d\-/.]*\d|\d+)/giu;
// A reference printed in groups of digits ("RF12 3456", "RF18 5390 0754 7034": ISO 11649 creditor
// references as banks print them): letters and digits, then groups of 3 or 4 digits after single spaces.
const GROUPED = /(?<![a-z\d])([a-z]{1,4}\d{1,4})((?:[ \u00a0]\d{3,4})+)(?!\d)/giu;

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
    const count = digits.replace(/\D/g, '').length;
    if (count < 3) {
      if (match[1] && (count === 2 || !/\s/.test(match[0])))
        found.add(normalizeReference(`${match[1]}${digits}`));
      continue;
    }
    if (match[1]) prefix = match[1];
    for (const number of slashList(digits) ?? [digits]) {
      const bare = normalizeReference(number);
      const prefixed = normalizeReference(`${prefix}${number}`);
      if (bare) found.add(bare);
      if (prefixed) found.add(prefixed);
    }
  }
  // The groups also as one reference (besides the parts read above).
  if (/\d[ \u00a0]\d/.test(text))
    for (const match of text.normalize('NFKC').matchAll(GROUPED)) {
      const joined = normalizeReference(`${match[1]}${match[2].replace(/\s/g, '')}`);
      if (joined) found.add(joined);
    }
  return [...found];
}

/**
 * "101/102" (one payment for invoices 101 and 102) as its numbers: parts of digits only, of one
 * length (3 or more), each above the one before. One document's number ("2020/0031",
 * "PAY/2020/0031") is not a list. Else undefined.
 */
export function slashList(digits: string): string[] | undefined {
  if (!digits.includes('/')) return undefined;
  const parts = digits.split('/');
  if (parts.some((p) => !/^\d{3,}$/.test(p) || p.length !== parts[0].length)) return undefined;
  for (let i = 1; i < parts.length; i += 1) if (parts[i] <= parts[i - 1]) return undefined;
  return parts;
}

// Numbers each written with the same letters, joined by "/" ("INV-11/INV-12", "SO-7/SO-8"): one
// payment for two documents. "PAY/2020/0031" is one number (its letters stand once, before a "/").
const PREFIXED_SLASH_LIST = /^([a-z]+)[\s#-]*\d[\d.-]*(?:\s*\/\s*\1[\s#-]*\d[\d.-]*)+$/i;

/** A reference field holding a list of numbers joined by "/" ("INV 101/102", "INV-11/INV-12"). */
export const hasSlashList = (text: string) =>
  text.includes('/') &&
  (PREFIXED_SLASH_LIST.test(text.trim()) ||
    [...text.matchAll(/\d+(?:\/\d+)+/g)].some((m) => slashList(m[0]) !== undefined));
