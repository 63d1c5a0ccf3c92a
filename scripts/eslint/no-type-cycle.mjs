// @ts-check
// import-x/no-cycle follows only imports that exist at run time. A cycle closed by `import type`
// still ties its modules into one (neither can be read, moved or tested without the others), so
// this rule reports a type-only import whose target imports its way back, types included.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** @type {Map<string, Graph>} */
const graphs = new Map();

/** @typedef {{ edges: Map<string, string[]>, component: Map<string, number> }} Graph */

/** Every .ts file under root (skipping dependencies and output), with the project files it imports. */
function importGraph(root) {
  /** @type {Map<string, string[]>} */
  const edges = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) edges.set(full, importsOf(full));
    }
  };
  walk(root);
  return { edges, component: components(edges) };
}

function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith('.'))
    .map(({ fileName }) => resolve(file, fileName))
    .filter((target) => target !== undefined);
}

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Strongly connected components (Tarjan): files in one component reach each other. */
function components(edges) {
  /** @type {Map<string, number>} */
  const index = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {Map<string, number>} */
  const component = new Map();
  const stack = [];
  const onStack = new Set();
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
    }
    if (low.get(file) === index.get(file)) {
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.set(member, index.get(file) ?? 0);
      } while (member !== file);
    }
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return component;
}

/** The shortest way from `from` back to `to`, for the message. */
function pathBetween(graph, from, to) {
  const previous = new Map([[from, from]]);
  const queue = [from];
  while (queue.length) {
    const file = queue.shift();
    if (file === to) break;
    for (const target of graph.edges.get(file) ?? []) {
      if (previous.has(target) || graph.component.get(target) !== graph.component.get(from)) continue;
      previous.set(target, file);
      queue.push(target);
    }
  }
  const route = [to];
  while (route[0] !== from) route.unshift(previous.get(route[0]));
  return route;
}

const isTypeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 &&
    node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

/** @type {import('eslint').Rule.RuleModule} */
export const noTypeCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid a type-only import that closes an import cycle' },
    schema: [],
    messages: { cycle: 'Import cycle through types: {{route}}' },
  },
  create(context) {
    const root = context.cwd;
    let graph = graphs.get(root);
    if (!graph) graphs.set(root, (graph = importGraph(root)));
    const file = context.physicalFilename;
    const check = (node) => {
      if (!node.source || !isTypeOnly(node) || !node.source.value.startsWith('.')) return;
      const target = resolve(file, node.source.value);
      if (!target || target === file || !graph.component.has(file)) return;
      if (graph.component.get(target) !== graph.component.get(file)) return;
      const route = pathBetween(graph, target, file).map((f) => path.relative(root, f));
      context.report({
        node,
        messageId: 'cycle',
        data: { route: [path.relative(root, file), ...route].join(' → ') },
      });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};
