import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { earlyReadsScript, type EarlyReadsPlan } from './early-reads.ts';

/**
 * Writes the first script (hashed name) and puts it first in the app page's head, `async`: it
 * neither waits for nor holds up anything else on the page.
 */
export function earlyReadsPlugin(plan: () => EarlyReadsPlan): Plugin {
  let fileName = '';
  let source = '';
  return {
    name: 'recon-early-reads',
    apply: 'build',
    buildStart() {
      source = earlyReadsScript(plan());
      fileName = `assets/early-reads-${createHash('sha256').update(source).digest('hex').slice(0, 10)}.js`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        if (!context.path.endsWith('/index.html')) return [];
        return [{ tag: 'script', attrs: { async: true, src: `/${fileName}` }, injectTo: 'head-prepend' }];
      },
    },
  };
}
