/**
 * The opened page's first reads, started with the app instead of after it has drawn its frame and
 * the page: a page takes (once) the read that was started for it, as it would have sent it.
 * Pure bookkeeping: what to start is decided in app/first-reads.ts.
 */

/** A first read older than this is not taken: the page reads for itself. */
const FRESH_MS = 10_000;

interface Started {
  at: number;
  answer: Promise<unknown>;
}

const started = new Map<string, Started>();

const keyOf = (operation: string, variables: object) => `${operation}|${JSON.stringify(variables)}`;

/** Notes a read started for the opened page (its failure is the page's to see when it reads itself). */
export function firstReadStarted(operation: string, variables: object, answer: Promise<unknown>): void {
  answer.catch(() => undefined);
  started.set(keyOf(operation, variables), { at: Date.now(), answer });
}

/** The read started with the app for this operation and these variables, once; undefined if none (or stale). */
export function takeFirstRead<T>(operation: string, variables: object): Promise<T> | undefined {
  const key = keyOf(operation, variables);
  const read = started.get(key);
  started.delete(key);
  return read && Date.now() - read.at < FRESH_MS ? (read.answer as Promise<T>) : undefined;
}

/**
 * How a page's useQuery reads first: from the cache when its first read was started with the app
 * (the answer is there, or still coming: Apollo shares an identical request under way), otherwise
 * as every query reads (cache and network). Take it once per mounted page (useState).
 */
export const firstReadPolicy = (operation: string, variables: object) =>
  takeFirstRead(operation, variables) ? ('cache-first' as const) : undefined;
