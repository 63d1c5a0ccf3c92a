import { readFileSync } from 'node:fs';
import path from 'node:path';
import { routePreloads, staffPageModules, type BuiltChunk } from '../../web/build/route-preloads';
import { APP_PATHS } from '../../web/src/app/paths';

// The build step behind the API's module preloads (api/web-app/route-preloads.ts).
describe('routePreloads', () => {
  const chunk = (fileName: string, facade: string | null, imports: string[] = [], name = ''): BuiltChunk => ({
    fileName,
    name,
    isEntry: name !== '',
    facadeModuleId: facade,
    imports,
  });
  const chunks = [
    chunk('assets/app-1.js', '/w/index.html', ['assets/vendor-1.js'], 'app'),
    chunk('assets/vendor-1.js', null),
    chunk('assets/graphiql-1.js', '/w/graphiql.html', ['assets/codemirror-1.js'], 'graphiql'),
    chunk('assets/codemirror-1.js', null),
    chunk('assets/AppLayout-1.js', '/w/src/app/AppLayout.tsx', ['assets/vendor-1.js', 'assets/menu-1.js']),
    chunk('assets/menu-1.js', null, ['assets/vendor-1.js']),
    chunk('assets/WorkPage-1.js', '/w/src/pages/work/WorkPage.tsx', [
      'assets/table-1.js',
      'assets/menu-1.js',
    ]),
    chunk('assets/table-1.js', null, ['assets/codemirror-1.js']),
  ];

  it('lists the frame’s and the page’s chunks and their imports, less the entry’s, once each', () => {
    const modules = {
      pages: [{ path: '/work', module: '/w/src/pages/work/WorkPage' }],
      frame: '/w/src/app/AppLayout',
    };
    expect(routePreloads(chunks, modules, 'app')).toEqual([
      {
        path: '/work',
        files: [
          '/assets/AppLayout-1.js',
          '/assets/menu-1.js',
          '/assets/WorkPage-1.js',
          '/assets/table-1.js',
          // Shared with GraphiQL's entry, which the app never loads: still the page's to load.
          '/assets/codemirror-1.js',
        ],
      },
    ]);
  });

  it('fails the build when a page’s module has no chunk', () => {
    const modules = { pages: [{ path: '/x', module: '/w/src/pages/x/X' }], frame: '/w/src/app/AppLayout' };
    expect(() => routePreloads(chunks, modules, 'app')).toThrow('no chunk built from /w/src/pages/x/X');
  });

  it('reads every staff page of staff-pages.tsx with its module', () => {
    const file = path.resolve(__dirname, '../../web/src/app/staff-pages.tsx');
    const pages = staffPageModules(readFileSync(file, 'utf8'), file, APP_PATHS);
    const pagesDir = path.resolve(__dirname, '../../web/src/pages');
    expect(pages).toContainEqual({ path: '/work', module: path.join(pagesDir, 'work/WorkPage') });
    expect(pages).toContainEqual({
      path: '/periods/:periodId',
      module: path.join(pagesDir, 'period/PeriodPage'),
    });
    expect(new Set(pages.map((page) => page.path)).size).toBe(pages.length);
  });
});
