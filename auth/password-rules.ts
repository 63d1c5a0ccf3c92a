import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/paths';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** The list shipped in the repository (auth/breached-passwords.txt): nothing is looked up online. */
export const BREACHED_LIST_PATH = path.join(PROJECT_ROOT, 'auth', 'breached-passwords.txt');

let breached: ReadonlySet<string> | undefined;

function breachedPasswords(): ReadonlySet<string> {
  breached ??= new Set(
    readFileSync(BREACHED_LIST_PATH, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#!')),
  );
  return breached;
}

/** A listed password with digits and symbols around it ("Password2026!") is still that password. */
const stem = (password: string) => password.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');

/**
 * Why a new password is refused, or null: 12 to 1024 characters, not a common or breached password
 * (nor one with only digits and symbols added around it), not the user's e-mail address or name.
 */
export function passwordProblem(
  password: string,
  user: { email?: string; displayName?: string } = {},
): string | null {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    return `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  const list = breachedPasswords();
  const core = stem(lower);
  if (list.has(lower) || (core.length >= 3 && list.has(core)) || /^(.)\1+$/u.test(password))
    return 'is a common or breached password: choose another (a few unrelated words make a good one)';
  const email = user.email?.trim().toLowerCase();
  const names = [email, email?.split('@')[0], user.displayName?.trim().toLowerCase()].filter(
    (name): name is string => !!name && name.length >= 4,
  );
  if (names.some((name) => lower === name || core === name)) return 'must not be your e-mail address or name';
  return null;
}
