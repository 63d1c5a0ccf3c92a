/**
 * The app's first render waits for the opened page's chunks (already on their way: the page names
 * them as module preloads), at most this long. Drawn before they have run, a signed-in page whose
 * data is already there (build/early-reads.ts) suspends on its lazy frame or page: React commits
 * the fallback and then keeps it at least 300 ms (its "fallback throttle"), an idle gap seen in
 * My work's profile. Past the cap the app draws as before (a spinner until the chunk arrives).
 */
export const FIRST_RENDER_WAIT_MS = 1_000;

/** Resolves once `ready` has settled (or there is nothing to wait for), or after `capMs`. */
export function settledOrAfter(ready: Promise<unknown> | undefined, capMs: number): Promise<void> {
  if (!ready) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, capMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    ready.then(done, done);
  });
}
