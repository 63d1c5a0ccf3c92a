/**
 * JSON written straight into UTF-8 bytes, the same bytes as Buffer.from(JSON.stringify(value)).
 *
 * `recon match` prints ~300 MB of results: JSON.stringify made each customer's text (a two-byte
 * string as soon as one evidence quotes 发票号), which was then copied, joined and encoded again.
 * Here the ASCII that nearly all of it is goes to the buffer byte by byte, and only the few
 * characters beyond ASCII are encoded (in the same loop); a long string (evidence) is written by
 * Buffer and only checked here. Plain data only (objects, arrays,
 * strings, numbers, booleans, null): anything else (toJSON, a class instance, a boxed value, a
 * bigint, a very deep or cyclic value) is left to JSON.stringify, so the text never differs.
 */
export class JsonBytes {
  /** The bytes written so far are bytes[0, at). */
  bytes: Buffer;
  at = 0;
  /** The same bytes four at a time (see unescaped), when `bytes` starts where a word does. */
  private words: Int32Array | undefined;

  /** Writes into `bytes` from its start (a size: into a new buffer of that size). */
  constructor(bytes: Buffer | number = 1 << 16) {
    this.bytes = typeof bytes === 'number' ? Buffer.allocUnsafeSlow(bytes) : bytes;
    this.words = wordsOf(this.bytes);
  }

  /** `value` as JSON.stringify writes it (value must be one it writes text for, not undefined). */
  json(value: unknown): void {
    const start = this.at;
    try {
      if (!prototypesArePlain()) throw NOT_PLAIN;
      this.value(value, 0);
    } catch (error) {
      if (error !== NOT_PLAIN) throw error;
      this.at = start;
      this.text(JSON.stringify(value));
    }
  }

  /** Any text, as UTF-8 (lone surrogates as U+FFFD, as Buffer.from does). */
  text(text: string): void {
    this.room(text.length * 3);
    this.at += this.bytes.write(text, this.at);
  }

  /** Bytes as they are. */
  raw(bytes: Uint8Array): void {
    this.room(bytes.byteLength);
    this.bytes.set(bytes, this.at);
    this.at += bytes.byteLength;
  }

  /** Makes sure `more` bytes fit after `at`, moving what was written to a larger buffer. */
  room(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const larger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.at + more));
    this.bytes.copy(larger, 0, 0, this.at);
    this.bytes = larger;
    this.words = wordsOf(larger);
  }

  private value(value: unknown, depth: number): void {
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'number') this.number(value);
    else if (typeof value === 'boolean') this.ascii(value ? 'true' : 'false');
    else if (value === null) this.ascii('null');
    else if (typeof value === 'object' && depth < MAX_DEPTH) {
      if (Array.isArray(value)) this.array(value, depth + 1);
      else this.object(value, depth + 1);
    } else throw NOT_PLAIN; // bigint (JSON.stringify throws), too deep (or a cycle); never undefined here
  }

  private array(array: unknown[], depth: number): void {
    if (Object.getPrototypeOf(array) !== Array.prototype) throw NOT_PLAIN;
    this.room(2);
    this.bytes[this.at++] = 0x5b; // [
    for (let i = 0; i < array.length; i += 1) {
      if (i > 0) {
        this.room(1);
        this.bytes[this.at++] = 0x2c; // ,
      }
      const item = array[i];
      // As JSON.stringify: what has no JSON (undefined, a function, a symbol) is null in a list.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') this.ascii('null');
      else this.value(item, depth);
    }
    this.room(1);
    this.bytes[this.at++] = 0x5d; // ]
  }

  private object(object: object, depth: number): void {
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) throw NOT_PLAIN;
    this.room(2);
    this.bytes[this.at++] = 0x7b; // {
    let first = true;
    // for-in gives the own keys in Object.keys' order (no inherited ones: see prototypesArePlain).
    for (const key in object) {
      if (key === 'toJSON') throw NOT_PLAIN;
      const item = (object as Record<string, unknown>)[key];
      // As JSON.stringify: a property without JSON (undefined, a function, a symbol) is left out.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (!first) {
        this.room(1);
        this.bytes[this.at++] = 0x2c; // ,
      }
      first = false;
      this.string(key);
      this.room(1);
      this.bytes[this.at++] = 0x3a; // :
      this.value(item, depth);
    }
    this.room(1);
    this.bytes[this.at++] = 0x7d; // }
  }

  private number(n: number): void {
    if ((n | 0) === n) this.integer(n);
    else if (Number.isFinite(n)) this.ascii(String(n));
    else this.ascii('null');
  }

  /** A 32-bit integer's digits (-0 is "0", as JSON.stringify writes it). */
  private integer(n: number): void {
    this.room(11);
    const bytes = this.bytes;
    let at = this.at;
    if (n < 0) {
      bytes[at++] = 0x2d; // -
      n = -n;
    }
    let digits = 1;
    for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
    for (let i = at + digits - 1; i >= at; i -= 1) {
      bytes[i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.at = at + digits;
  }

  /** Text known to be ASCII without anything to escape. */
  private ascii(text: string): void {
    this.room(text.length);
    const bytes = this.bytes;
    let at = this.at;
    for (let i = 0; i < text.length; i += 1) bytes[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** A string in quotes, escaped as JSON.stringify escapes it (see escaped). */
  private string(text: string): void {
    const length = text.length;
    // 6 bytes a unit at most (\u001f; a surrogate pair is 4 bytes for 2), and the quotes.
    this.room(length * 6 + 2);
    const bytes = this.bytes;
    let at = this.at;
    bytes[at++] = 0x22;
    if (length >= NATIVE_FROM && this.words !== undefined) {
      // A long one is written natively and kept when JSON has nothing to escape in it: its UTF-8 is
      // JSON's when no unit is a lone surrogate (JSON escapes those; Buffer writes U+FFFD).
      const written = bytes.utf8Write(text, at);
      if ((written === length || text.isWellFormed()) && unescaped(bytes, this.words, at, at + written)) {
        at += written;
        bytes[at++] = 0x22;
        this.at = at;
        return;
      }
    }
    let i = 0;
    // Nearly every string is plain ASCII: this loop alone, kept small, writes it.
    for (; i < length; i += 1) {
      const c = text.charCodeAt(i);
      if (PLAIN[c] === 0) break;
      bytes[at++] = c;
    }
    if (i < length) at = escaped(text, i, bytes, at);
    bytes[at++] = 0x22;
    this.at = at;
  }
}

/**
 * From this length a string is written natively: a unit a time in JavaScript took 3-4 ns (more
 * for a string built from parts, read through them), a call ~100 ns and then a tenth of that.
 */
const NATIVE_FROM = 32;

declare global {
  interface Buffer {
    /** Buffer's own UTF-8 write: what write(text, offset) calls once it has checked its arguments. */
    utf8Write(text: string, offset: number): number;
  }
  interface String {
    /** No lone surrogate (ES2024; in Node since 20). */
    isWellFormed(): boolean;
  }
}

/** `bytes` as 32-bit words, when they start at a multiple of 4 in their buffer. */
const wordsOf = (bytes: Buffer) =>
  bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) : undefined;

/**
 * Whether UTF-8 bytes[start, end) have nothing JSON escapes: no byte under 0x20, no `"`, no `\`.
 * Checked a word at a time where whole words are: such a byte (a zero once xor-ed with `"` or `\`)
 * sets bit 7 of its byte in (byte - n) & ~byte, borrowing from no byte below it; exact as to
 * whether there is one, whatever the byte order.
 */
function unescaped(bytes: Buffer, words: Int32Array, start: number, end: number): boolean {
  const first = (start + 3) >> 2;
  const last = end >> 2; // words[first, last) lie within [start, end)
  if (first >= last) return unescapedBytes(bytes, start, end);
  if (!unescapedBytes(bytes, start, first << 2)) return false;
  for (let w = first; w < last; w += 1) {
    const x = words[w];
    const quote = x ^ 0x22222222;
    const backslash = x ^ 0x5c5c5c5c;
    const found =
      ((x - 0x20202020) & ~x) | ((quote - 0x01010101) & ~quote) | ((backslash - 0x01010101) & ~backslash);
    if ((found & 0x80808080) !== 0) return false;
  }
  return unescapedBytes(bytes, last << 2, end);
}

function unescapedBytes(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const c = bytes[i];
    if (c < 0x20 || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/** 1 for a UTF-16 unit written as it is: printable ASCII but `"` and `\`. */
const PLAIN = new Uint8Array(0x10000).fill(1, 0x20, 0x7f);
PLAIN[0x22] = 0;
PLAIN[0x5c] = 0;

/**
 * text[i..] into bytes at `at`, as JSON.stringify escapes it: `"` and `\`, control characters
 * (\b \t \n \f \r or \u00XX), lone surrogates (\uDXXX in lower case); the rest as UTF-8.
 */
function escaped(text: string, i: number, bytes: Buffer, at: number): number {
  const length = text.length;
  for (; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (PLAIN[c] === 1) bytes[at++] = c;
    else if (c < 0x80) at = escapeAscii(bytes, at, c);
    else if (c < 0x800) {
      bytes[at++] = 0xc0 | (c >> 6);
      bytes[at++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      bytes[at++] = 0xe0 | (c >> 12);
      bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[at++] = 0x80 | (c & 0x3f);
    } else {
      const low = i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        const code = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        bytes[at++] = 0xf0 | (code >> 18);
        bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
        bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[at++] = 0x80 | (code & 0x3f);
        i += 1;
      } else at = escapeUnit(bytes, at, c);
    }
  }
  return at;
}

/** A value JSON.stringify writes differently than plain data is (see JsonBytes). */
const NOT_PLAIN = Symbol('not plain data');

/** Deeper than any result; a cyclic value gets here and JSON.stringify says so. */
const MAX_DEPTH = 64;

/** No toJSON and no enumerable property that plain objects and lists would all inherit. */
function prototypesArePlain(): boolean {
  for (const key in Object.prototype) if (key !== undefined) return false;
  for (const key in Array.prototype) if (key !== undefined) return false;
  return !('toJSON' in Object.prototype) && !('toJSON' in Array.prototype);
}

const SHORT_ESCAPES: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };

/** `"`, `\`, a control character, or DEL (which JSON leaves as it is). */
function escapeAscii(bytes: Buffer, at: number, c: number): number {
  if (c === 0x22 || c === 0x5c) {
    bytes[at++] = 0x5c;
    bytes[at++] = c;
    return at;
  }
  if (c === 0x7f) {
    bytes[at++] = c;
    return at;
  }
  const short = SHORT_ESCAPES[c];
  if (short !== undefined) {
    bytes[at++] = 0x5c;
    bytes[at++] = short;
    return at;
  }
  return escapeUnit(bytes, at, c);
}

const HEX = '0123456789abcdef';

/** \uXXXX with lower-case hex digits. */
function escapeUnit(bytes: Buffer, at: number, c: number): number {
  bytes[at++] = 0x5c;
  bytes[at++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) bytes[at++] = HEX.charCodeAt((c >> shift) & 0xf);
  return at;
}
