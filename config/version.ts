import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './paths';

let version: string | undefined;

/** Recon's version (package.json), as backups and metrics report it. */
export function reconVersion(): string {
  version ??= (
    JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  return version;
}
