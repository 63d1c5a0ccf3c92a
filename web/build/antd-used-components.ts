import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The Ant Design components the app can render, for antd's build-time style file
 * (antd-style-file.ts): the components the app's source imports from 'antd', and every component
 * those reach inside antd (a Table renders a Pagination, an Empty, a Spin, a filter's Tree, …).
 * A component left out is still styled in the browser, as before the style file: the choice only
 * decides how much work the file saves, never what a page looks like.
 */
export function antdComponentsUsed(sourceDir: string, antdDir: string): string[] {
  return antdComponentsReached(antdImportsIn(sourceDir), antdDir);
}

/** The names the app's .ts/.tsx files import from 'antd' (type-only names included: harmless). */
export function antdImportsIn(sourceDir: string): string[] {
  const names = new Set<string>();
  for (const file of sourceFiles(sourceDir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*'antd'/g,
    )) {
      for (const part of match[1].split(',')) {
        const name = part
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]
          .trim();
        if (name) names.add(name);
      }
    }
  }
  return [...names].sort();
}

/**
 * The components antd exports (from its ES build's index) whose module is `imported`'s or one
 * that theirs import, following antd's relative imports: a component counts once its folder's
 * index is reached (a folder reached only for a context or a type, e.g. form/context, does not).
 */
export function antdComponentsReached(imported: string[], antdDir: string): string[] {
  const esDir = path.join(antdDir, 'es');
  const folderOf = new Map<string, string>();
  const index = readFileSync(path.join(esDir, 'index.js'), 'utf8');
  for (const [, name, folder] of index.matchAll(/export \{ default as (\w+) \} from '\.\/([\w-]+)'/g))
    folderOf.set(name, folder);

  const seen = new Set<string>();
  const pending = imported.flatMap((name) => {
    const folder = folderOf.get(name);
    return folder ? [path.join(esDir, folder, 'index.js')] : [];
  });
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*'(\.[^']*)'/g)) {
      const target = resolveModule(path.resolve(path.dirname(file), specifier));
      if (target?.startsWith(esDir + path.sep)) pending.push(target);
    }
  }
  const reachedFolders = new Set(
    [...seen]
      .filter((file) => path.basename(file) === 'index.js')
      .map((file) => path.relative(esDir, file).split(path.sep)[0]),
  );
  return [...folderOf].filter(([, folder]) => reachedFolders.has(folder)).map(([name]) => name);
}

function resolveModule(base: string): string | undefined {
  return [`${base}.js`, path.join(base, 'index.js'), base].find(
    (file) => existsSync(file) && statSync(file).isFile(),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const location = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(location);
    return /\.tsx?$/.test(entry.name) ? [location] : [];
  });
}
