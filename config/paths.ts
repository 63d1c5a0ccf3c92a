import path from 'node:path';

const parent = path.resolve(__dirname, '..');

/** The repository root, whether running from source (ts-jest) or from the compiled dist/. */
export const PROJECT_ROOT = path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
