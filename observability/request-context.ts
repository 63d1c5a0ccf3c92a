import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work serves, wherever it runs in this process: an HTTP request, a
 * subscription message, or an activity a request caused (its id travels through Temporal headers).
 * Log lines and error answers carry it, so one id finds every line a request wrote.
 */
export interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** An id a caller may choose (X-Request-Id), or undefined: short, printable, no spaces or quotes. */
export function acceptableRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value) ? value : undefined;
}
