import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread running `<dir>/<name>.js` (compiled). Under ts-jest (the caller's file is .ts) it
 * runs `<name>.ts` through a require hook that only transpiles (tests only).
 */
export function startThread(
  callerFile: string,
  name: string,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const source = path.join(path.dirname(callerFile), name);
  if (!callerFile.endsWith('.ts')) return new Worker(`${source}.js`, { workerData, resourceLimits });
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
