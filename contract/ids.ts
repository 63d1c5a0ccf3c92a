import { DomainError } from '../common/domain-error';

/**
 * Recon's ids are the database's BIGINT keys, and a string everywhere outside SQL (a JavaScript
 * number loses digits past 2^53): a positive whole number written plainly, no sign, space or
 * leading zero. Every id that comes from outside (a GraphQL `ID` or argument, a route's or a
 * command line's parameter, a signed token's claim, a cursor, a value put into SQL text) is
 * decoded here, once, with `decodeId`; ids the database gives are written with `encodeId`.
 */
const DIGITS = '[1-9][0-9]{0,17}';

export const CANONICAL_ID = new RegExp(`^${DIGITS}$`);

/** The id's digits as a regular expression's source, for formats that embed an id (cursors). */
export const ID_PATTERN = DIGITS;

/** What a refused id is told, wherever it was given. */
export const NOT_AN_ID = 'is not an id: a positive whole number written plainly (e.g. "42")';

export const isCanonicalId = (value: unknown): value is string =>
  typeof value === 'string' && CANONICAL_ID.test(value);

export enum IdErrorCode {
  NOT_AN_ID = 'NOT_AN_ID',
}

/** An id refused, naming where it was given (`id`, `filter.ids`, `--period-id`) and, in a list, its position. */
export class IdError extends DomainError<IdErrorCode> {
  constructor(where: string, value: unknown, index = -1) {
    const at = index >= 0 ? `${where}[${index}]` : where;
    super(IdErrorCode.NOT_AN_ID, `${at} ${JSON.stringify(value) ?? String(value)} ${NOT_AN_ID}`, [
      { index, field: where, reason: NOT_AN_ID },
    ]);
  }
}

/** The one way in for an id: `value` as Recon's id, or an IdError naming `where` (and `index` in a list). */
export function decodeId(value: unknown, where: string, index = -1): string {
  if (!isCanonicalId(value)) throw new IdError(where, value, index);
  return value;
}

/** An optional id: absent (null, undefined or empty) is undefined; anything else must be an id. */
export function decodeOptionalId(value: unknown, where: string): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : decodeId(value, where);
}

/** Each id of a list, the first bad one named by its position. */
export const decodeIds = (values: readonly unknown[], where: string): string[] =>
  values.map((value, index) => decodeId(value, where, index));

/**
 * The one way out for a key the database gave (a string with mysql2's `bigNumberStrings`, or a
 * number or bigint from a driver result): its canonical string. A number past 2^53 has lost digits
 * already, so it is a bug here, not a rounding.
 */
export function encodeId(value: string | number | bigint): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value))
    throw new RangeError(`id ${value} is not a whole number JavaScript holds exactly`);
  const text = String(value);
  if (!CANONICAL_ID.test(text)) throw new RangeError(`id ${JSON.stringify(text)} is not canonical`);
  return text;
}
