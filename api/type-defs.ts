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

/** One SDL file per domain module, under api/schema/; each module extends Query and Mutation. */
export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'api', 'schema');

/** The checked-in, printed schema that integrators read; a test fails when it drifts. */
export const PRINTED_SCHEMA_PATH = path.join(PROJECT_ROOT, 'schema.graphql');

export function loadTypeDefs(): DocumentNode {
  const files = readdirSync(SCHEMA_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort();
  return concatAST(files.map((file) => parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8'))));
}

export function printMergedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildASTSchema(loadTypeDefs())))}\n`;
}
