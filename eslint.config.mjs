// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';
import { noTypeCycle } from './scripts/eslint/no-type-cycle.mjs';

/**
 * The layers, lowest first (docs/architecture.md "Layers"). A file imports from its own layer and
 * the ones below, never from one above, types included; inside a layer, no cycles.
 */
const LAYERS = [
  ['foundation', ['common', 'config', 'formats', 'matching', 'money', 'observability', 'synthetic']],
  ['contract', ['contract']],
  ['data', ['db', 'entities']],
  [
    'domain',
    [
      'audit',
      'auth',
      'backup',
      'collections',
      'credit',
      'customers',
      'imports',
      'ledger',
      'notifications',
      'periods',
      'reports',
      'statements',
      'tasks',
      'temporal',
      'users',
      'webhooks',
    ],
  ],
  ['process', ['activities', 'workflows']],
  ['edges', ['api', 'cli', 'demo', 'worker']],
  ['entry', ['bench', 'main']],
];

// Every source folder has its layer: a new one is placed here before it can be imported.
// web/ is the browser app: a program of its own (its own tsconfig and rules below), not a server layer.
// bench-data holds the benchmarks' generated files (git-ignored): data, not code.
const NOT_SOURCE = new Set([
  'node_modules',
  'dist',
  'bench-data',
  'docs',
  'docker',
  'scripts',
  'test',
  'web',
]);
const unplaced = readdirSync(import.meta.dirname, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_SOURCE.has(entry.name))
  .map((entry) => entry.name)
  .filter((name) => !LAYERS.some(([, folders]) => folders.includes(name)));
if (unplaced.length)
  throw new Error(`eslint.config.mjs: give these folders a layer in LAYERS: ${unplaced.join(', ')}`);

const here = (folder) => `./${folder}`;
const layerZones = LAYERS.flatMap(([layer, folders], index) => {
  const above = LAYERS.slice(index + 1);
  if (!above.length) return [];
  return [
    {
      target: folders.map(here),
      from: above.flatMap(([, upper]) => upper).map(here),
      message: `${layer} is below that layer: lower layers never import upper ones (docs/architecture.md "Layers").`,
    },
  ];
});

/** Workflow code reaches the world through activities: it imports the contract, pure money and the pure format readers only. */
const WORKFLOW_MAY_IMPORT = ['workflows', 'contract', 'money', 'formats', 'activities'];
const workflowZone = {
  target: [here('workflows')],
  from: LAYERS.flatMap(([, folders]) => folders)
    .filter((folder) => !WORKFLOW_MAY_IMPORT.includes(folder))
    .map(here),
  message:
    'Workflow code imports contract/, money/ and formats/ (pure) only; everything else is reached through an activity.',
};
/** Inside the data layer, one direction: the data source lists the entities, entities own their column types. */
const entitiesZone = {
  target: [here('entities')],
  from: [here('db')],
  message:
    'entities/ never import db/ (db/data-source.ts imports them): column helpers live in entities/columns/.',
};
/** The data a module builds is its own type: reports renders it and imports it, never the reverse. */
const reportTypesZone = {
  target: [here('collections'), here('credit'), here('periods')],
  from: [here('reports/types.ts')],
  message:
    'The data a module builds is typed in that module (collections/letter-types.ts, credit/credit-standing.ts, contract/documents.ts); reports/types.ts imports it.',
};
const reportsZone = {
  target: [here('collections'), here('credit')],
  from: [here('reports')],
  message:
    'reports/ renders what collections/ and credit/ build (and imports their types): they never import it; a caller hands a renderer in (collections/dunning-letters.ts RenderLetter).',
};
const activitiesZone = {
  target: [here('activities')],
  from: [here('workflows')],
  message: 'Activities never import workflows/: what both need belongs in contract/.',
};

/**
 * The execution fence (api/execution/index.ts says why): the API's entry imports it through its
 * index, resolvers its read projection, nothing else anything of it.
 */
const EXECUTION = './api/execution';
const API_ENTRY = 'server.ts';
const RESOLVER_DOORS = ['./selection.ts', './projection.ts'];
const executionZones = [
  {
    target: [
      ...LAYERS.flatMap(([, folders]) => folders)
        .filter((folder) => folder !== 'api')
        .map(here),
      ...readdirSync(`${import.meta.dirname}/api`)
        .filter((name) => name !== 'execution' && name !== API_ENTRY)
        .map((name) => `./api/${name}`),
    ],
    from: [EXECUTION],
    except: RESOLVER_DOORS,
    message:
      'api/execution/ is fenced: only api/server.ts imports it (resolvers: selection.ts and projection.ts).',
  },
  {
    target: [`./api/${API_ENTRY}`],
    from: [EXECUTION],
    except: ['./index.ts', ...RESOLVER_DOORS],
    message: 'api/server.ts imports the execution fence through its index.',
  },
];

// Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries.
const forbiddenInWorkflows = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  'typeorm',
  'mysql2',
  'mysql2/promise',
  'express',
  '@apollo/server',
  '@temporalio/activity',
  '@temporalio/worker',
  '@temporalio/client',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.venv/**',
      'bench-data/**',
      '**/*.js',
      '**/*.mjs',
      'web/dist/**',
      'web/src/**/*.generated.ts',
      'api/graphql/*.generated.ts',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX, recon: { rules: { 'no-type-cycle': noTypeCycle } } },
    settings: {
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      // No cycles, entities included (an inverse TypeORM relation names its target by entity name).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'recon/no-type-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            ...layerZones,
            workflowZone,
            activitiesZone,
            entitiesZone,
            reportTypesZone,
            reportsZone,
            ...executionZones,
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: forbiddenInWorkflows.map((name) => ({
            name,
            message: 'Workflow code must be deterministic: do I/O in an activity.',
          })),
        },
      ],
      // proxyActivities<PeriodActivities> needs the activities' types, never their code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/activities', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflows import activities as types only (import type).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'process', message: 'No process access in workflows.' },
        { name: 'require', message: 'No dynamic requires in workflows.' },
      ],
    },
  },
  {
    // The web app: React's rules of hooks; no Node built-ins (it runs in the browser).
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'The web app runs in the browser.' }] },
      ],
    },
  },
);
