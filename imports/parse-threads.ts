import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startThread } from '../common/start-thread';

/**
 * The import's parsing threads (xlsx-thread, csv-thread): files are parsed off the API's event loop.
 * Compiled, a thread runs `<name>.js` beside this file (under ts-jest, its TypeScript source).
 */
export function startParseThread(name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  return startThread(__filename, name, workerData, resourceLimits);
}

/** How many files this process parses at once, whatever their format; later ones wait their turn. */
export const PARSE_THREADS = 2;

const waiting: Array<() => void> = [];
let busy = 0;

/** Waits for one of the PARSE_THREADS slots; call the returned function once to give it back. */
export async function takeParseSlot(): Promise<() => void> {
  if (busy >= PARSE_THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  else busy += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = waiting.shift();
    if (next) next();
    else busy -= 1;
  };
}
