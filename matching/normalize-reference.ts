// "INV-2026-0001", "inv20260001" and "发票号：２０２６０００１" are one document.

const PREFIX =
  /^(?:发票号码?|发票|单据号|单号|付款|收款|回款|票号|支票号码?|支票|invoice(?=(?:no|nr|num)?\d)|inv(?=(?:no|nr|num)?\d)|cheque(?=(?:no)?\d)|check(?=(?:no)?\d)|chq(?=(?:no)?\d)|no(?=\d)|nr(?=\d)|num(?=\d)|ref(?=\d)|utr(?=\d)|paymentfor|#)+/;

/** Full-width to half-width, case, punctuation and spaces, document-type prefixes, leading zeros. */
export function normalizeReference(raw: string | undefined): string {
  if (!raw) return '';
  const ascii = asciiFastPath(raw);
  if (ascii !== undefined) return ascii;
  // Only non-ASCII text gets here: NFKC turns full-width digits and punctuation into ASCII (text of
  // ASCII and common CJK ideographs only is already in NFKC: the ICU call is skipped).
  let text = (nfkcStable(raw) ? raw : raw.normalize('NFKC')).toLowerCase();
  text = text.replace(/[\s:：.,，、#\-_/\\()（）[\]【】'"]+/g, '');
  // One pass strips a whole run of prefixes: the repetition stops only where none matches, and a
  // second pass would start there on the same text (the lookaheads see what they saw).
  text = text.replace(PREFIX, '');
  text = text.replace(/[^0-9a-z\u4e00-\u9fff]/g, '');
  return text.replace(/^0+(?=\d)/, '');
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Two rows, swapped, not one array built per row.
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j += 1) previous[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[b.length];
}

const NOT_ASCII_ALNUM = /[^0-9a-z]+/g;

/** Only ASCII and CJK Unified Ideographs (U+4E00–U+9FFF), which NFKC leaves as they are. */
function nfkcStable(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c > 0x7f && (c < 0x4e00 || c > 0x9fff)) return false;
  }
  return true;
}

// A cheque's number is the payment's reference on both sides ("CHQ 000123", "Cheque No. 123"), an
// invoice's is its number however it is introduced ("Invoice No. 00123", "Inv. Nr. 123"), and so
// is a bank transfer's UTR ("UTR 998877", as Indian banks and ERPNext's bank statements give it).
const ASCII_PREFIX =
  /^(?:invoice(?=(?:no|nr|num)?\d)|inv(?=(?:no|nr|num)?\d)|cheque(?=(?:no)?\d)|check(?=(?:no)?\d)|chq(?=(?:no)?\d)|no(?=\d)|nr(?=\d)|num(?=\d)|ref(?=\d)|utr(?=\d)|paymentfor)+/;

/**
 * The same normalisation for plain ASCII references (most of them), in one pass without NFKC;
 * undefined when the text has anything else, which then takes the general path.
 */
function asciiFastPath(raw: string): string | undefined {
  for (let i = 0; i < raw.length; i += 1) if (raw.charCodeAt(i) > 0x7f) return undefined;
  // Native lower-casing and one replace: far cheaper than building the string a character at a time.
  let out = raw.toLowerCase().replace(NOT_ASCII_ALNUM, '');
  if (out.length > 0 && out.charCodeAt(0) >= 0x61) out = out.replace(ASCII_PREFIX, '');
  let zeros = 0;
  while (
    zeros < out.length - 1 &&
    out.charCodeAt(zeros) === 0x30 &&
    out.charCodeAt(zeros + 1) >= 0x30 &&
    out.charCodeAt(zeros + 1) <= 0x39
  )
    zeros += 1;
  return zeros ? out.slice(zeros) : out;
}
