// What the Credit page offers whom, pure: the server decides (credit:request, credit:manage,
// maker ≠ checker); the page only shows what the server would allow.
import { compareDecimals } from '../format/exact-decimal';
import type { UserRole as Role } from '../graphql/schema-types.generated';

/** Who may ask for a limit change or a hold's release (the API's credit:request). */
export const canRequestCredit = (role: Role) => role === 'CLERK' || role === 'MANAGER' || role === 'ADMIN';

/** Who approves or rejects requests (the API's credit:manage). */
export const canDecideCredit = (role: Role) => role === 'MANAGER' || role === 'ADMIN';

/** Who lowers a limit, accepts the suggested one and sets payment terms at once (credit:manage too). */
export const canManageCredit = canDecideCredit;

/** Who puts a customer on hold at once (credit:request: the release is the request). */
export const canPlaceHold = canRequestCredit;

/**
 * What accepting the score's suggested limit does, as the API decides it (acceptSuggestedLimit):
 * nothing to accept; already the limit; lowers the limit at once; or asks for a higher (or first)
 * limit that another manager approves.
 */
export function suggestionEffect(standing: {
  limit: string | null;
  suggestedLimit: string | null;
}): 'NONE' | 'SAME' | 'LOWERS' | 'ASKS' {
  if (standing.suggestedLimit == null) return 'NONE';
  if (standing.limit == null) return 'ASKS';
  const order = compareDecimals(standing.suggestedLimit, standing.limit);
  return order === 0 ? 'SAME' : order < 0 ? 'LOWERS' : 'ASKS';
}

/** A lower limit as the API takes it: the request's format, and not above the limit now (a raise is a request). */
export function lowerAmountProblem(
  text: string,
  current: string | null,
): 'required' | 'format' | 'notLower' | undefined {
  const problem = limitAmountProblem(text);
  if (problem) return problem;
  if (current == null || compareDecimals(text.trim(), current) > 0) return 'notLower';
  return undefined;
}

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
