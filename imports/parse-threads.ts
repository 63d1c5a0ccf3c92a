import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * The import's parsing threads (xlsx-thread, csv-thread): files are parsed off the API's event loop.
 * Compiled, a thread runs `<name>.js` beside this file. Under ts-jest (this file is .ts) it runs the
 * TypeScript source through a require hook that only transpiles (tests only).
 */
export function startParseThread(name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const source = path.join(__dirname, name);
  if (!__filename.endsWith('.ts')) return new Worker(`${source}.js`, { workerData, resourceLimits });
  const hook = `
    const ts = require('typescript');
    const fs = require('node:fs');
    require.extensions['.ts'] = (module, file) => module._compile(
      ts.transpileModule(fs.readFileSync(file, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        fileName: file,
      }).outputText,
      file,
    );
    require(${JSON.stringify(`${source}.ts`)});`;
  return new Worker(hook, { eval: true, workerData, resourceLimits });
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
