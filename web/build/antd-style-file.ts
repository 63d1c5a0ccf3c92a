import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ThemeConfig } from 'antd';
import type { Plugin } from 'vite';
import { antdComponentsUsed } from './antd-used-components.ts';

/**
 * Ant Design writes each component's CSS in the browser, the first time the component renders:
 * measured on a fresh tab of the period page and of My work, that was the largest single part of
 * the main thread's work after React itself (profile in the commit that added this file).
 *
 * This plugin renders every Ant Design component once at build time (on the server, with the
 * app's theme), and writes the CSS antd would have injected into one file that index.html links
 * (hashed name: cached for good). The file carries antd's own map of the styles it holds
 * (`.data-ant-cssinjs-cache-path`, antd's server-side rendering protocol): in the browser antd
 * finds each component's style there and skips generating and injecting it. A style the file lacks
 * is generated in the browser as before, so the file saves work and never changes what a page
 * looks like. The design tokens' CSS variables and those of the components that plain elements
 * imitate (PLAIN_LOOKS: components/antd-look.ts, components/PlainTable.tsx) are in the file too,
 * under the theme's fixed class (CSS_VAR_KEY in app/theme.ts), so those elements look right where no
 * antd component of their kind has rendered; the browser sets the variables of the components it
 * renders as before (the same values).
 *
 * The file holds the styles of the components the app can render only (antd-used-components.ts:
 * those its source imports from 'antd' and those they reach inside antd), not of all of antd's:
 * the browser parses the whole file before the app's code runs (1 MB for every component).
 *
 * Only `vite build`: the dev server keeps generating every style in the browser.
 */
export function antdStyleFile(theme: ThemeConfig, sourceDir: string): Plugin {
  let fileName = '';
  let css = '';
  return {
    name: 'recon-antd-style-file',
    apply: 'build',
    buildStart() {
      // antd names its classes differently outside production (css-dev-only-…): the file's must
      // be those of the production bundle.
      if (process.env.NODE_ENV !== 'production')
        this.error(`antd's style file is built for production only (NODE_ENV is ${process.env.NODE_ENV})`);
      const { styles, failed } = renderAntdStyles(theme, sourceDir);
      if (failed.length) this.warn(`antd components not rendered for the style file: ${failed.join(', ')}`);
      css = styles;
      fileName = `assets/antd-${createHash('sha256').update(css).digest('hex').slice(0, 10)}.css`;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: css });
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        // The app's page only (GraphiQL's page uses no antd).
        if (!context.path.endsWith('/index.html')) return [];
        return [{ tag: 'link', attrs: { rel: 'stylesheet', href: `/${fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

type Element = { key: string; type: unknown; props: object };

/** The components whose look the app draws with plain elements in their classes: their CSS variables go in the file. */
const PLAIN_LOOKS = ['Button', 'Tag', 'Statistic', 'Table', 'Spin', 'Typography', 'Flex'];

/**
 * Each component the app uses (antdComponentsUsed), its sub-components (Layout.Sider,
 * Input.Search, …) and its popups' panels (antd's `_InternalPanelDoNotUseOrYouWillBeFired`, the
 * popup's content without a trigger), each rendered to a string inside one style cache; then the
 * cache's styles as plain CSS.
 */
function renderAntdStyles(theme: ThemeConfig, sourceDir: string): { styles: string; failed: string[] } {
  // antd's CommonJS build, and the very cssinjs and React instances it requires: two copies of
  // cssinjs (its ES and CommonJS builds) would not share the style cache's React context.
  const require = createRequire(import.meta.url);
  const antd = require('antd') as Record<string, unknown> & { ConfigProvider: unknown };
  const fromAntd = createRequire(require.resolve('antd'));
  const React = fromAntd('react') as {
    createElement(type: unknown, props?: object | null, ...children: unknown[]): unknown;
  };
  const { renderToString } = fromAntd('react-dom/server') as { renderToString(node: unknown): string };
  const cssinjs = fromAntd('@ant-design/cssinjs') as {
    createCache(): unknown;
    StyleProvider: unknown;
    extractStyle(cache: unknown, options: { plain: boolean; types: string[] }): string;
  };

  const used = new Set(antdComponentsUsed(sourceDir, path.dirname(require.resolve('antd/package.json'))));

  const isComponent = (value: unknown) =>
    typeof value === 'function' || (typeof value === 'object' && value !== null && '$$typeof' in value);
  const elements: Element[] = [];
  const add = (key: string, type: unknown, props: object = {}) => elements.push({ key, type, props });
  for (const [name, component] of Object.entries(antd)) {
    if (!used.has(name) || !/^[A-Z]/.test(name) || name === 'ConfigProvider' || !isComponent(component))
      continue;
    add(name, component);
    for (const [member, sub] of Object.entries(component as object)) {
      if (member === '_InternalPanelDoNotUseOrYouWillBeFired' && isComponent(sub)) add(`${name} panel`, sub);
      else if (/^[A-Z]/.test(member) && isComponent(sub)) add(`${name}.${member}`, sub);
    }
  }
  // The file would be empty (every style generated in the browser again) if antd's index changed form.
  if (!elements.length) throw new Error(`no antd component found among the imports of ${sourceDir}`);
  // Styles that only some props reach: a preset colour's tag, a button inside a compact group.
  if (used.has('Tag')) add('Tag color', antd.Tag, { color: 'blue' });
  if (used.has('Space') && used.has('Button'))
    add('Space.Compact with Button', (antd.Space as Record<string, unknown>).Compact, {
      children: React.createElement(antd.Button),
    });

  const cache = cssinjs.createCache();
  const failed: string[] = [];
  const render = (into: unknown, { key, type, props }: Element) => {
    const node = React.createElement(
      cssinjs.StyleProvider,
      { cache: into },
      React.createElement(antd.ConfigProvider, { theme }, React.createElement(type, props)),
    );
    try {
      renderToString(node);
    } catch {
      failed.push(key);
    }
  };
  for (const element of elements) render(cache, element);
  const variables = cssinjs.createCache();
  for (const name of PLAIN_LOOKS)
    render(variables, { key: `${name} variables`, type: antd[name], props: {} });
  return {
    styles:
      // Its own (empty) map of cached styles left out: the one below names the file's styles.
      cssinjs
        .extractStyle(variables, { plain: true, types: ['token', 'cssVar'] })
        .replace(/\.data-ant-cssinjs-cache-path\{content:"[^"]*";\}/, '') +
      cssinjs.extractStyle(cache, { plain: true, types: ['style'] }),
    failed,
  };
}
