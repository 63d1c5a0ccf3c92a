import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { antdStyleFile } from './build/antd-style-file.ts';
import { precompressFolder } from './build/precompress.ts';
import { routePreloads, staffPageModules, type BuiltChunk } from './build/route-preloads.ts';
import { APP_PATHS } from './src/app/paths.ts';
import { THEME } from './src/app/theme.ts';

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
