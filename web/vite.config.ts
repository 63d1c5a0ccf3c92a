import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { antdStyleFile } from './build/antd-style-file.ts';
import { earlyRead, type EarlyReadsPlan } from './build/early-reads.ts';
import { earlyReadsPlugin } from './build/early-reads-plugin.ts';
import { precompressFolder } from './build/precompress.ts';
import { routePreloads, staffPageModules, type BuiltChunk } from './build/route-preloads.ts';
import { APP_PATHS } from './src/app/paths.ts';
import { THEME } from './src/app/theme.ts';
import { CSRF_HEADERS } from './src/services/csrf.ts';
import { EARLY_READS_GLOBAL, earlyReadKey } from './src/services/early-reads.ts';
import { SIGNED_IN_ROLE_KEY } from './src/services/session-hint.ts';
import { CurrentUserDocument } from './src/services/session.generated.ts';
import { QUEUE_ROLES, WORK_PAGE_SIZE, workChoiceOf, workFilterOf } from './src/services/work-choice.ts';
import { MyTaskCountsDocument, WorkTasksDocument } from './src/services/work.generated.ts';

/** Writes the app's route patterns beside index.html for the API (SPA fallback vs. a real 404). */
function appRoutesManifest(): Plugin {
  return {
    name: 'recon-app-routes',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'app-routes.json',
        source: JSON.stringify(Object.values(APP_PATHS)),
      });
    },
  };
}

/**
 * Writes route-preloads.json beside index.html: for each staff page's route, the scripts opening it
 * loads after the entry (the frame's and the page's chunks and their imports). The API names them
 * as `<link rel="modulepreload">` in the page it serves (api/web-app/route-preloads.ts).
 */
function routePreloadsManifest(): Plugin {
  const staffPages = path.resolve(import.meta.dirname, 'src/app/staff-pages.tsx');
  return {
    name: 'recon-route-preloads',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk') as BuiltChunk[];
      const modules = {
        pages: staffPageModules(readFileSync(staffPages, 'utf8'), staffPages, APP_PATHS),
        frame: path.resolve(import.meta.dirname, 'src/app/AppLayout'),
      };
      this.emitFile({
        type: 'asset',
        fileName: 'route-preloads.json',
        source: JSON.stringify(routePreloads(chunks, modules, 'app')),
      });
    },
  };
}

/**
 * My work's first reads, sent by the page's first script (build/early-reads.ts) when the address is
 * /work with no filters: the reads app/first-reads.ts and the session provider would send ~200 ms
 * later, with the very variables they send them with.
 */
function myWorkEarlyReads(): EarlyReadsPlan {
  const tasks = { filter: workFilterOf(workChoiceOf(new URLSearchParams())), first: WORK_PAGE_SIZE };
  return {
    path: APP_PATHS.work,
    roles: QUEUE_ROLES,
    roleKey: SIGNED_IN_ROLE_KEY,
    // As Apollo Client's HTTP link sends them (services/apollo.ts).
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json,application/json;q=0.9',
      ...CSRF_HEADERS,
    },
    global: EARLY_READS_GLOBAL,
    reads: [
      earlyRead(WorkTasksDocument, tasks, earlyReadKey),
      earlyRead(MyTaskCountsDocument, {}, earlyReadKey),
      earlyRead(CurrentUserDocument, {}, earlyReadKey),
    ],
  };
}

/** Writes NAME.gz and NAME.br beside each built asset once all is written (build/precompress.ts). */
function precompressAssets(): Plugin {
  let outDir = '';
  return {
    name: 'recon-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressFolder(outDir);
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    appRoutesManifest(),
    routePreloadsManifest(),
    antdStyleFile(THEME, path.resolve(import.meta.dirname, 'src')),
    earlyReadsPlugin(myWorkEarlyReads),
    precompressAssets(),
  ],
  // The API replaces this placeholder with a fresh nonce per response (Content-Security-Policy);
  // Vite stamps it on the tags it writes and in <meta property="csp-nonce">, where Ant Design's
  // style injection reads it.
  html: { cspNonce: '__RECON_CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    // No source maps in the served bundle (they would be served to anyone).
    sourcemap: false,
    reportCompressedSize: false,
    // The shared runtime (React, antd's core, Apollo) is one chunk by design; the budget that counts is
    // the initial JS, measured gzipped by `npm run bench -- web`.
    chunkSizeWarningLimit: 1000,
    // Two pages: the app, and GraphiQL (served by the API at GET /graphql), which the app never loads.
    rollupOptions: { input: { app: 'index.html', graphiql: 'graphiql.html' } },
  },
  server: {
    // `npm run dev -w web` against a running API (npm run demo) on its default port.
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:4000', ws: true },
      '/reports': 'http://127.0.0.1:4000',
      '/imports': 'http://127.0.0.1:4000',
    },
  },
});
