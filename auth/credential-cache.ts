// A short memory of what a credential stands for (a user's standing, an API key's record), so an
// integrator's every request does not read the database; changes are honoured within its TTL.

/**
 * Remembers each key's answer for `ttlMs` from the moment its read started, so an answer never
 * outlives a change committed after that read began by more than `ttlMs`: a revoked key, a
 * deactivated user or a changed role takes effect in every API process within `ttlMs` of its
 * commit. Concurrent misses of one key share one read; a failed read is not remembered. Bounded:
 * the oldest entry goes first when full. `ttlMs` 0 remembers nothing.
 */
export class CredentialCache<K, V> {
  private readonly entries = new Map<K, { value: Promise<V>; until: number }>();

  constructor(
    private readonly read: (key: K) => Promise<V>,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: K): Promise<V> {
    if (this.ttlMs <= 0) return this.read(key);
    const started = this.now();
    const held = this.entries.get(key);
    if (held && held.until > started) return held.value;
    const value = this.read(key);
    const entry = { value, until: started + this.ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets everything at once (a change this process made itself). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
