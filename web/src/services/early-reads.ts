/**
 * Reads sent by the page's small first script (build/early-reads.ts) as soon as the HTML has been
 * parsed, before the app's scripts have arrived and run: the app takes their answers instead of
 * sending the same operations ~200 ms later. Pure bookkeeping, no Apollo (the build imports it).
 */

/** Where the first script leaves its reads, keyed by earlyReadKey. */
export const EARLY_READS_GLOBAL = '__reconEarlyReads';

/** An early read older than this is not taken: the app sends its own. */
export const EARLY_READ_FRESH_MS = 10_000;

export interface EarlyRead {
  /** Date.now() when it was sent. */
  at: number;
  /** The answer's JSON body as the API sent it (a refused HTTP status rejects). */
  answer: Promise<unknown>;
}

/** JSON with object keys sorted: `{ first, filter }` and `{ filter, first }` are one read. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const earlyReadKey = (operationName: string, variables: object | undefined) =>
  `${operationName}|${canonicalJson(variables ?? {})}`;

type EarlyReads = Record<string, EarlyRead | undefined>;

/**
 * The early read of this operation with these variables, left in place for whoever takes it (a
 * page that draws its first screen from the answer before Apollo reads it: work-first-screen.ts);
 * undefined when there is none or it is stale.
 */
export function peekEarlyRead(
  operationName: string,
  variables: object | undefined,
  reads: EarlyReads | undefined = (globalThis as Record<string, unknown>)[EARLY_READS_GLOBAL] as
    EarlyReads | undefined,
  now = Date.now(),
): Promise<unknown> | undefined {
  const read = reads?.[earlyReadKey(operationName, variables)];
  return read && now - read.at < EARLY_READ_FRESH_MS ? read.answer : undefined;
}

/**
 * The early read of this operation with these variables, once (a second ask, or a stale read, gets
 * undefined: the caller sends its own). `reads` is the first script's global in the browser.
 */
export function takeEarlyRead(
  operationName: string,
  variables: object | undefined,
  reads: EarlyReads | undefined = (globalThis as Record<string, unknown>)[EARLY_READS_GLOBAL] as
    EarlyReads | undefined,
  now = Date.now(),
): Promise<unknown> | undefined {
  if (!reads) return undefined;
  const key = earlyReadKey(operationName, variables);
  const read = reads[key];
  delete reads[key];
  return read && now - read.at < EARLY_READ_FRESH_MS ? read.answer : undefined;
}
