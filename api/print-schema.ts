import { writeFileSync } from 'node:fs';
import { printMergedSchema, PRINTED_SCHEMA_PATH } from './type-defs';

// `npm run schema`: regenerate schema.graphql from api/graphql/*/*.graphql.
writeFileSync(PRINTED_SCHEMA_PATH, printMergedSchema());
console.log(`wrote ${PRINTED_SCHEMA_PATH}`);
