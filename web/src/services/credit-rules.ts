// What the Credit page offers whom, pure: the server decides (credit:request, credit:manage,
// maker ≠ checker); the page only shows what the server would allow.
import type { Role } from './session';

/** Who may ask for a limit change or a hold's release (the API's credit:request). */
export const canRequestCredit = (role: Role) => role === 'CLERK' || role === 'MANAGER' || role === 'ADMIN';

/** Who approves or rejects requests (the API's credit:manage). */
export const canDecideCredit = (role: Role) => role === 'MANAGER' || role === 'ADMIN';

/** Why the signed-in user may not decide a request, or undefined when they may. */
export function decisionBlock(
  role: Role,
  request: { mine: boolean },
): 'OWN_REQUEST' | 'NOT_ALLOWED' | undefined {
  if (!canDecideCredit(role)) return 'NOT_ALLOWED';
  if (request.mine) return 'OWN_REQUEST';
  return undefined;
}

/** A score component's share of the score: points × weight / 100 (the score is their sum, rounded). */
export const componentShare = (c: { points: number; weight: number }) => (c.points * c.weight) / 100;

/** A limit request's amount as the API takes it: a plain decimal, at most 4 decimals, not negative. */
export function limitAmountProblem(text: string): 'required' | 'format' | undefined {
  const value = text.trim();
  if (!value) return 'required';
  if (!/^\d{1,16}(\.\d{1,4})?$/.test(value)) return 'format';
  return undefined;
}
