import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildASTSchema,
  concatAST,
  lexicographicSortSchema,
  parse,
  printSchema,
  type DocumentNode,
} from 'graphql';
import { PROJECT_ROOT } from '../config/paths';

/**
 * The API by module: api/graphql/<module>/ holds its SDL (`*.graphql`, extending Query and
 * Mutation) beside its resolvers.
 */
export const GRAPHQL_DIR = path.join(PROJECT_ROOT, 'api', 'graphql');

/** The checked-in, printed schema that integrators read; a test fails when it drifts. */
export const PRINTED_SCHEMA_PATH = path.join(PROJECT_ROOT, 'schema.graphql');

export function loadTypeDefs(): DocumentNode {
  return concatAST(sdlFiles().map((file) => parse(readFileSync(file, 'utf8'))));
}

/** Every module's SDL files, in a stable order. */
function sdlFiles(): string[] {
  return readdirSync(GRAPHQL_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => path.join(GRAPHQL_DIR, file));
}

export function printMergedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildASTSchema(loadTypeDefs())))}\n`;
}
