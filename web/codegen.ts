import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API's schema. Each domain's operations live in
 * `src/services/<domain>.graphql`; codegen writes `<domain>.generated.ts` beside it (typed
 * documents and result types), so a page's operations load with its own chunk. A schema change
 * that breaks an operation fails here, and so fails `npm run build` and `npm test`.
 */
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: 'src/**/*.graphql',
  emitLegacyCommonJSImports: false,
  generates: {
    'src/graphql/schema-types.generated.ts': { plugins: ['typescript'] },
    'src/': {
      preset: 'near-operation-file',
      presetConfig: { extension: '.generated.ts', baseTypesPath: 'graphql/schema-types.generated.ts' },
      plugins: ['typescript-operations', 'typed-document-node'],
    },
  },
  config: {
    // Amounts stay exact decimal strings in the browser too; never a float.
    scalars: { Decimal: 'string', Date: 'string', DateTime: 'string', JSON: 'unknown' },
    strictScalars: true,
    enumsAsTypes: true,
    useTypeImports: true,
    avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
    nonOptionalTypename: false,
    skipTypename: true,
  },
};

export default config;
