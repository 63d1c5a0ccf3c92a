/**
 * A Map with a bound that forgets everything when it is reached. For memos on hot paths whose
 * working set is small (the timestamps, cursors and tokens of the pages people keep looking at):
 * a hit is one lookup, and past the bound the whole set is rebuilt from what is asked next, which
 * is cheaper than keeping an LRU order on every hit.
 */
export class ForgetfulMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {
    if (!(maxEntries >= 1)) throw new RangeError(`maxEntries must be at least 1 (got ${maxEntries})`);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores and returns `value`. */
  set(key: K, value: V): V {
    if (this.entries.size >= this.maxEntries && !this.entries.has(key)) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
