import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ImportInput } from './types';

/** SHA-256 of the file's bytes, hex: the same file imported twice is recognised by it. */
export async function hashInput(input: ImportInput): Promise<string> {
  const hash = createHash('sha256');
  if ('buffer' in input) return hash.update(input.buffer).digest('hex');
  for await (const chunk of createReadStream(input.path, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}
