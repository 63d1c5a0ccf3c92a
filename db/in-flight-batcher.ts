interface Waiting<K, V> {
  key: K;
  resolve(value: V): void;
  reject(error: unknown): void;
}

/**
 * Batches reads by arrival: a key that finds no read in flight is read at once, alone; keys that
 * arrive while one is in flight wait for it and then go together in one `readBatch`.
 *
 * Unlike a cache, this never answers with data older than the request: every batch starts after
 * all its keys arrived, so a caller that saw its write committed sees it. Unlike DataLoader's
 * per-tick batching, it spans requests: under load, concurrent requests share a statement instead
 * of each paying for one, and an idle server adds no delay.
 */
export class InFlightBatcher<K, V> {
  private readonly waiting: Array<Waiting<K, V>> = [];
  private busy = false;

  constructor(
    /** Reads the values of `keys`, in their order. */
    private readonly readBatch: (keys: K[]) => Promise<V[]>,
    /** Largest batch: bounds one statement's size. */
    private readonly maxBatch = 200,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      if (!this.busy) this.readWaiting();
    });
  }

  private readWaiting(): void {
    this.busy = true;
    const batch = this.waiting.splice(0, this.maxBatch);
    void this.read(batch).finally(() => {
      if (this.waiting.length > 0) this.readWaiting();
      else this.busy = false;
    });
  }

  private async read(batch: Array<Waiting<K, V>>): Promise<void> {
    try {
      const values = await this.readBatch(batch.map((w) => w.key));
      if (values.length !== batch.length)
        throw new Error(`readBatch returned ${values.length} values for ${batch.length} keys`);
      batch.forEach((w, i) => w.resolve(values[i]));
    } catch (error) {
      batch.forEach((w) => w.reject(error));
    }
  }
}
