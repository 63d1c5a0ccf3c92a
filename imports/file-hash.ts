import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ImportInput } from './types';

const HASH_SLICE_BYTES = 1 << 20;

/** SHA-256 of the file's bytes, hex: the same file imported twice is recognised by it. */
export async function hashInput(input: ImportInput): Promise<string> {
  const hash = createHash('sha256');
  if ('buffer' in input) {
    // A megabyte at a time, yielding between: hashing a 100 MB upload in one call stalls the API.
    for (let at = 0; at < input.buffer.length; at += HASH_SLICE_BYTES) {
      hash.update(input.buffer.subarray(at, at + HASH_SLICE_BYTES));
      if (at + HASH_SLICE_BYTES < input.buffer.length) await new Promise((resolve) => setImmediate(resolve));
    }
    return hash.digest('hex');
  }
  for await (const chunk of createReadStream(input.path, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
