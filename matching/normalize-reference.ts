// "INV-2026-0001", "inv20260001" and "发票号：２０２６０００１" are one document.

/** Full-width to half-width, case, punctuation and spaces, document-type prefixes, leading zeros. */
export function normalizeReference(raw: string | undefined): string {
  if (!raw) {
    lastMarks = 0;
    return '';
  }
  const scanned = scannedReference(raw);
  if (scanned !== undefined) return scanned;
  lastMarks = marksOf(raw);
  // Only non-ASCII text the scan leaves gets here: NFKC turns full-width digits and punctuation into
  // ASCII (text of ASCII and common CJK ideographs only is already in NFKC: the ICU call is skipped).
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

/** Only ASCII and CJK Unified Ideographs (U+4E00–U+9FFF), which NFKC leaves as they are. */
function nfkcStable(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c > 0x7f && (c < 0x4e00 || c > 0x9fff)) return false;
  }
  return true;
}

/** The list marks of the text (see `lastReferenceMarks`). */
function marksOf(text: string): number {
  let marks = 0;
  for (let i = 0; i < text.length; i += 1) marks |= markOf(text.charCodeAt(i));
  return marks;
}

/** The list marks of one character of a reference (see `lastReferenceMarks`). */
function markOf(c: number): number {
  // , ; & and their full-width forms ， ； and 、 separate a list; "/" may join one.
  if (c === 0x2c || c === 0x3b || c === 0x26 || c === 0xff0c || c === 0xff1b || c === 0x3001)
    return LIST_SEPARATOR;
  return c === 0x2f ? SLASH : 0;
}

/** One of , ; & ， ； 、 in the text: a reference field listing documents ("INV-501, INV-502") has one. */
export const LIST_SEPARATOR = 1;
/** A "/" in the text ("INV 101/102"). */
export const SLASH = 2;
let lastMarks = 0;

/**
 * The list marks (`LIST_SEPARATOR`, `SLASH`) of the text `normalizeReference` was given last, found
 * in the same pass as its normalised form: a line's reference is not scanned again for them.
 */
export function lastReferenceMarks(): number {
  return lastMarks;
}

// The scan below keeps a reference's characters in a buffer reused for every reference (one per
// thread) and makes one string of what is left: the patterns made three or four strings per
// reference (lower case, punctuation out, prefix out), which were most of the time of preparing a
// line. The buffer grows to the longest text scanned (a reference is a few dozen characters).
let kept = new Uint16Array(128);
let bytes = Buffer.alloc(128);

/** An ASCII character as a reference keeps it (lower case), else DROPPED (a separator) or OTHER. */
const DROPPED = 1;
const OTHER = 0;
const FOLDED = (() => {
  const table = new Uint8Array(128);
  for (const c of ' \t\n\v\f\r:.,#-_/\\()[]\'"') table[c.charCodeAt(0)] = DROPPED;
  for (let c = 0x30; c <= 0x39; c += 1) table[c] = c;
  for (let c = 0x61; c <= 0x7a; c += 1) table[c] = c;
  for (let c = 0x41; c <= 0x5a; c += 1) table[c] = c + 0x20;
  return table;
})();

/**
 * `normalizeReference` in one pass over the text, for ASCII text and for text of ASCII, full-width forms (NFKC's half-width ASCII), CJK ideographs and the separators of the
 * general path (as the general path). Undefined for anything else (characters the general path
 * keeps until after it strips prefixes, or that NFKC changes otherwise): that takes the patterns.
 */
function scannedReference(raw: string): string | undefined {
  if (raw.length > kept.length) {
    kept = new Uint16Array(raw.length);
    bytes = Buffer.alloc(raw.length);
  }
  let n = 0;
  let marks = 0;
  let ascii = true;
  let other = false;
  for (let i = 0; i < raw.length; i += 1) {
    let c = raw.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      if (c >= 0x4e00 && c <= 0x9fff) {
        kept[n++] = c;
        continue;
      }
      marks |= markOf(c);
      // 、【】 and the ideographic space (NFKC: a space) separate.
      if (c === 0x3001 || c === 0x3010 || c === 0x3011 || c === 0x3000) continue;
      if (c < 0xff01 || c > 0xff5e) return undefined;
      c -= 0xfee0; // a full-width form: NFKC makes it the ASCII character
      const folded = FOLDED[c];
      if (folded > DROPPED) kept[n++] = folded;
      else if (folded === OTHER) other = true;
      continue;
    }
    const folded = FOLDED[c];
    if (folded > DROPPED) {
      kept[n++] = folded;
      continue;
    }
    // A letter or digit is never a list mark: only the others are looked at.
    marks |= markOf(c);
    if (folded === OTHER) other = true;
  }
  // ASCII drops any other character; the general path keeps it while it strips prefixes.
  if (other && !ascii) return undefined;
  lastMarks = marks;
  let start = n > 0 && kept[0] >= 0x61 ? prefixEnd(n) : 0;
  while (start < n - 1 && kept[start] === 0x30 && isDigit(kept[start + 1])) start += 1;
  return keptText(start, n);
}

/**
 * The kept characters `start..end` as a string. A reference's (a few dozen characters) is made by
 * String.fromCharCode from a plain array of its length, reused: about half the cost of decoding
 * them from a byte buffer (a call into C++) or of applying fromCharCode to a typed array.
 */
function keptText(start: number, end: number): string {
  const length = end - start;
  if (length === 0) return '';
  if (length >= CODES.length) return longKeptText(start, end);
  const codes = (CODES[length] ??= new Array<number>(length).fill(0));
  for (let i = 0; i < length; i += 1) codes[i] = kept[start + i];
  return String.fromCharCode.apply(null, codes);
}

/** Plain arrays of the lengths 1 to 63, made when first needed (keptText). */
const CODES: Array<number[] | undefined> = new Array<number[] | undefined>(64).fill(undefined);

/** keptText of a long run: one-byte when it is ASCII (most references). */
function longKeptText(start: number, end: number): string {
  let wide = false;
  for (let i = start; i < end; i += 1) {
    const c = kept[i];
    if (c > 0x7f) wide = true;
    bytes[i - start] = c;
  }
  if (wide) return String.fromCharCode.apply(null, kept.subarray(start, end) as unknown as number[]);
  return (bytes as unknown as Latin1Slice).latin1Slice(0, end - start);
}

/**
 * Node's own decoding of a buffer's bytes as Latin-1, which `toString('latin1', …)` calls after
 * checking its arguments and looking the encoding up (a fifth of the cost of a reference's string).
 */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** What must follow a prefix. */
const ANYTHING = 0;
const DIGIT = 1;
const NO_DIGIT = 2; // (?:no)?\d
const NUMBER_DIGIT = 3; // (?:no|nr|num)?\d

/**
 * The document-type prefixes a reference drops, in the order they are tried, each with what must
 * follow it. A cheque's number is the payment's reference on both sides ("CHQ 000123", "Cheque No.
 * 123"), an invoice's is its number however it is introduced ("Invoice No. 00123", "Inv. Nr. 123"),
 * and so is a bank transfer's UTR ("UTR 998877", as Indian banks and ERPNext's bank statements
 * give it).
 */
const PREFIX_WORDS: ReadonlyArray<{ word: string; then: number }> = [
  ...[
    '发票号码',
    '发票号',
    '发票',
    '单据号',
    '单号',
    '付款',
    '收款',
    '回款',
    '票号',
    '支票号码',
    '支票号',
    '支票',
  ].map((word) => ({ word, then: ANYTHING })),
  { word: 'invoice', then: NUMBER_DIGIT },
  { word: 'inv', then: NUMBER_DIGIT },
  { word: 'cheque', then: NO_DIGIT },
  { word: 'check', then: NO_DIGIT },
  { word: 'chq', then: NO_DIGIT },
  ...['no', 'nr', 'num', 'ref', 'utr'].map((word) => ({ word, then: DIGIT })),
  { word: 'paymentfor', then: ANYTHING },
];

const LOOKAHEAD = ['', '(?=\\d)', '(?=(?:no)?\\d)', '(?=(?:no|nr|num)?\\d)'];

/** The general path's pattern for a run of prefixes (and "#", which the scan never keeps). */
const PREFIX = new RegExp(`^(?:${[...PREFIX_WORDS.map((p) => p.word + LOOKAHEAD[p.then]), '#'].join('|')})+`);

interface Alternative {
  codes: number[];
  then: number;
}

/** PREFIX_WORDS by their first character, in their order among those of one first character. */
const PREFIXES_BY_FIRST: ReadonlyMap<number, Alternative[]> = (() => {
  const byFirst = new Map<number, Alternative[]>();
  for (const { word, then } of PREFIX_WORDS) {
    const codes = [...word].map((c) => c.charCodeAt(0));
    const list = byFirst.get(codes[0]) ?? [];
    list.push({ codes, then });
    byFirst.set(codes[0], list);
  }
  return byFirst;
})();

/** PREFIXES_BY_FIRST of the ASCII characters, by code: most kept characters are, and an array is indexed without hashing. */
const ASCII_PREFIXES: ReadonlyArray<Alternative[] | undefined> = Array.from({ length: 128 }, (_, c) =>
  PREFIXES_BY_FIRST.get(c),
);

/**
 * Where the run of prefixes at the start of the kept characters `0..n` ends (0: none), as PREFIX
 * matches: at each position the first alternative that fits, until none does.
 */
function prefixEnd(n: number): number {
  let at = 0;
  for (;;) {
    const next = prefixAt(at, n);
    if (next === at) return at;
    at = next;
  }
}

/** The end of the first alternative standing at `at` (with what must follow it), else `at`. */
function prefixAt(at: number, n: number): number {
  if (at >= n) return at;
  const c = kept[at];
  const alternatives = c < 128 ? ASCII_PREFIXES[c] : PREFIXES_BY_FIRST.get(c);
  if (alternatives === undefined) return at;
  for (let a = 0; a < alternatives.length; a += 1) {
    const { codes, then } = alternatives[a];
    const end = at + codes.length;
    if (end > n) continue;
    let i = 1;
    while (i < codes.length && kept[at + i] === codes[i]) i += 1;
    if (i === codes.length && followedAsRequired(end, n, then)) return end;
  }
  return at;
}

/** Whether what follows a prefix ending at `at` is what its lookahead requires (`then`). */
function followedAsRequired(at: number, n: number, then: number): boolean {
  if (then === ANYTHING || digitAt(at, n)) return true;
  if (then === DIGIT || at + 2 >= n || kept[at] !== 0x6e) return false; // "n", then a digit after
  const second = kept[at + 1];
  if (second === 0x6f) return digitAt(at + 2, n); // "no"
  if (then === NO_DIGIT) return false;
  if (second === 0x72) return digitAt(at + 2, n); // "nr"
  return second === 0x75 && kept[at + 2] === 0x6d && digitAt(at + 3, n); // "num"
}

const digitAt = (at: number, n: number) => at < n && isDigit(kept[at]);
