/**
 * Calls of one costly computation that overlap share one run: while a run for `key` is in flight,
 * later callers get its answer instead of starting another. Nothing is kept once it settles.
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  run(key: K, compute: () => Promise<V>): Promise<V> {
    const inFlight = this.running.get(key);
    if (inFlight) return inFlight;
    const started = compute().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
