import { InFlightBatcher } from '../../db/in-flight-batcher';

/** A read the test finishes by hand, to see what arrives while it is in flight. */
function controlledReads() {
  const reads: Array<{ keys: number[]; finish(): void; fail(error: Error): void }> = [];
  const batcher = new InFlightBatcher<number, string>(
    (keys) =>
      new Promise((resolve, reject) => {
        reads.push({ keys, finish: () => resolve(keys.map((k) => `v${k}`)), fail: reject });
      }),
    3,
  );
  return { batcher, reads };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('InFlightBatcher: batches by arrival, never older than the request', () => {
  it('reads a lone key at once, and the keys that arrive meanwhile together after it', async () => {
    const { batcher, reads } = controlledReads();
    const first = batcher.load(1);
    expect(reads.map((r) => r.keys)).toEqual([[1]]); // no waiting when idle
    const later = [batcher.load(2), batcher.load(3), batcher.load(2)];
    await tick();
    expect(reads).toHaveLength(1); // they wait for the read in flight: it started before they arrived
    reads[0].finish();
    expect(await first).toBe('v1');
    await tick();
    expect(reads.map((r) => r.keys)).toEqual([[1], [2, 3, 2]]);
    reads[1].finish();
    expect(await Promise.all(later)).toEqual(['v2', 'v3', 'v2']);
  });

  it('caps a batch, and goes idle again when nothing waits', async () => {
    const { batcher, reads } = controlledReads();
    const all = [0, 1, 2, 3, 4, 5].map((k) => batcher.load(k));
    reads[0].finish();
    await tick();
    expect(reads.map((r) => r.keys)).toEqual([[0], [1, 2, 3]]);
    reads[1].finish();
    await tick();
    expect(reads.map((r) => r.keys)).toEqual([[0], [1, 2, 3], [4, 5]]);
    reads[2].finish();
    expect(await Promise.all(all)).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5']);
    const again = batcher.load(9);
    expect(reads.at(-1)!.keys).toEqual([9]);
    reads.at(-1)!.finish();
    expect(await again).toBe('v9');
  });

  it('fails exactly the batch whose read failed; the next batch still runs', async () => {
    const { batcher, reads } = controlledReads();
    const first = batcher.load(1);
    const second = batcher.load(2);
    reads[0].fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    reads[1].finish();
    expect(await second).toBe('v2');
  });

  it('refuses a read that answers the wrong number of values', async () => {
    const batcher = new InFlightBatcher<number, number>(async () => [1, 2]);
    await expect(batcher.load(1)).rejects.toThrow('returned 2 values for 1 keys');
  });
});
