/**
 * Recon's ids are the database's BIGINT keys, and a string everywhere outside SQL (a JavaScript
 * number loses digits past 2^53): a positive whole number written plainly, no sign, space or
 * leading zero. Every id that comes from outside (a GraphQL `ID`, a value put into SQL text) is
 * checked against this one pattern.
 */
export const CANONICAL_ID = /^[1-9][0-9]{0,17}$/;

export const isCanonicalId = (value: unknown): value is string =>
  typeof value === 'string' && CANONICAL_ID.test(value);
