import path from 'node:path';

/** What this step needs of a built chunk (Rollup's and Rolldown's OutputChunk have these fields). */
export interface BuiltChunk {
  fileName: string;
  /** The entry's name for an entry chunk (`app`, `graphiql`: web/vite.config.ts's inputs). */
  name: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  /** The chunks it imports statically (file names). */
  imports: readonly string[];
}

/** One app route and the scripts its page needs beyond the entry's (URLs, in load order). */
export interface RoutePreload {
  path: string;
  files: string[];
}

/** Where the staff pages are declared, and the frame they are drawn in (web/src/app/router.tsx). */
export interface PageModules {
  /** Each staff page's route pattern and the module its chunk is built from (absolute, no extension). */
  pages: ReadonlyArray<{ path: string; module: string }>;
  /** The staff frame's module (absolute, no extension), loaded with every staff page. */
  frame: string;
}

/**
 * Reads the staff pages' routes and modules from staff-pages.tsx's source: each entry names its
 * path (`path: APP_PATHS.work`) and then its chunk (`import('../pages/work/WorkPage')`). Throws when
 * an entry has no import after its path, or when the counts differ, so a change of shape fails the
 * build instead of silently preloading nothing.
 */
export function staffPageModules(
  source: string,
  sourceFile: string,
  appPaths: Readonly<Record<string, string>>,
): Array<{ path: string; module: string }> {
  const entries = source.split(/\bpath: APP_PATHS\./).slice(1);
  const lazyPages = source.match(/\blazyPage\(/g)?.length ?? 0;
  if (entries.length === 0 || entries.length !== lazyPages - 1)
    throw new Error(
      `route-preloads: ${sourceFile} lists ${entries.length} paths and ${lazyPages - 1} lazy pages`,
    );
  return entries.map((entry) => {
    const name = /^(\w+)/.exec(entry)?.[1] ?? '';
    const imported = /import\('([^']+)'\)/.exec(entry)?.[1];
    const route = appPaths[name];
    if (!route || !imported)
      throw new Error(`route-preloads: no path or no chunk for APP_PATHS.${name} in ${sourceFile}`);
    return { path: route, module: path.resolve(path.dirname(sourceFile), imported) };
  });
}

/**
 * For each staff page, the built scripts that opening it loads after the entry: the frame's and the
 * page's chunks and everything they import statically, less what the entry already loads (the page
 * names those itself). The API names them as `<link rel="modulepreload">` in the page it serves for
 * the route, so they download and compile alongside the entry instead of after it has run.
 */
export function routePreloads(
  chunks: readonly BuiltChunk[],
  modules: PageModules,
  entry: string,
  base = '/',
): RoutePreload[] {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const byModule = new Map<string, BuiltChunk>();
  for (const chunk of chunks) {
    if (!chunk.facadeModuleId) continue;
    byModule.set(chunk.facadeModuleId.replace(/\.[cm]?[jt]sx?$/, ''), chunk);
  }
  const closure = (start: BuiltChunk, into: string[], skip: ReadonlySet<string>) => {
    const visit = (chunk: BuiltChunk) => {
      if (skip.has(chunk.fileName) || into.includes(chunk.fileName)) return;
      into.push(chunk.fileName);
      for (const imported of chunk.imports) {
        const next = byFile.get(imported);
        if (next) visit(next);
      }
    };
    visit(start);
    return into;
  };
  const chunkOf = (module: string) => {
    const chunk = byModule.get(module);
    if (!chunk) throw new Error(`route-preloads: no chunk built from ${module}`);
    return chunk;
  };
  const app = chunks.find((chunk) => chunk.isEntry && chunk.name === entry);
  if (!app) throw new Error(`route-preloads: no entry chunk named ${entry}`);
  const entryFiles = new Set(closure(app, [], new Set()));
  const frame = chunkOf(modules.frame);
  return modules.pages.map(({ path: route, module }) => {
    const files = closure(chunkOf(module), closure(frame, [], entryFiles), entryFiles);
    return { path: route, files: files.map((file) => `${base}${file}`) };
  });
}
