import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/** What the API serves compressed (api/web-app/web-app.ts COMPRESSIBLE, less the pages it rewrites). */
const COMPRESSIBLE = new Set(['.js', '.css', '.json', '.svg', '.txt', '.wasm']);
/** Below this a compressed copy saves less than its headers cost; the API serves these as they are. */
export const PRECOMPRESS_MIN_BYTES = 1024;

/**
 * Writes `NAME.gz` and `NAME.br` beside every compressible file of the built app, at the highest
 * levels (the build has the time; the API's event loop has not): the API sends these bytes as they
 * are instead of compressing each asset on its first request. The pages (index.html,
 * graphiql.html) are left out: the API writes a fresh nonce into them on every response.
 * Returns the files compressed (paths relative to `root`).
 */
export function precompressFolder(root: string): string[] {
  const done: string[] = [];
  for (const relative of listFiles(root)) {
    if (!COMPRESSIBLE.has(path.extname(relative))) continue;
    const location = path.join(root, relative);
    const body = readFileSync(location);
    if (body.length <= PRECOMPRESS_MIN_BYTES) continue;
    writeFileSync(`${location}.gz`, gzipSync(body, { level: 9 }));
    writeFileSync(
      `${location}.br`,
      brotliCompressSync(body, {
        params: {
          [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
          [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
          [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        },
      }),
    );
    done.push(relative);
  }
  return done;
}

/** Every file under `root`, as paths relative to it. */
function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}
