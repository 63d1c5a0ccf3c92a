/** The driver's code of a failed statement (`ER_…`), from a TypeORM QueryFailedError or mysql2's own error. */
export function sqlErrorCode(error: unknown): string | undefined {
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failed?.driverError?.code ?? failed?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The server's answers to a value that does not fit its column or its reference: the same value
 * is refused again on every retry, so it is the request's fault, not the moment's.
 */
const BAD_VALUE = new Set([
  'ER_DATA_TOO_LONG',
  'ER_TRUNCATED_WRONG_VALUE',
  'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD',
  'ER_WARN_DATA_OUT_OF_RANGE',
  'ER_BAD_NULL_ERROR',
  'ER_NO_DEFAULT_FOR_FIELD',
  'ER_NO_REFERENCED_ROW_2',
]);

export const isBadValue = (error: unknown): boolean => BAD_VALUE.has(sqlErrorCode(error) ?? '');
