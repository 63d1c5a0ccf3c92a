import { ApplicationFailure } from '@temporalio/common';
import { QueryFailedError } from 'typeorm';
import { refusingBadValues } from '../../activities/review/review-failure';
import { isBadValue, sqlErrorCode } from '../../db/sql-error';

/** What TypeORM throws for a statement the server refused, with mysql2's error inside. */
function failed(code: string, message: string): QueryFailedError {
  return new QueryFailedError('INSERT …', [], Object.assign(new Error(message), { code }));
}

describe("a decision's transaction refused by the database", () => {
  it('fails at once, not retried, as INVALID_REQUEST when the value does not fit its column', async () => {
    const error = await refusingBadValues(() =>
      Promise.reject(failed('ER_DATA_TOO_LONG', "Data too long for column 'comment' at row 1")),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'INVALID_REQUEST', nonRetryable: true });
    expect((error as Error).message).toContain("column 'comment'");
  });

  it('is thrown as it is (and retried) when the moment is at fault: a lost connection, a deadlock', async () => {
    for (const cause of [
      failed('ER_LOCK_DEADLOCK', 'Deadlock found'),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ]) {
      await expect(refusingBadValues(() => Promise.reject(cause))).rejects.toBe(cause);
    }
    await expect(refusingBadValues(async () => 'stored')).resolves.toBe('stored');
  });

  it('reads the code from TypeORM’s error or from the driver’s own', () => {
    expect(sqlErrorCode(failed('ER_BAD_NULL_ERROR', 'null'))).toBe('ER_BAD_NULL_ERROR');
    expect(sqlErrorCode(Object.assign(new Error('x'), { code: 'ER_NO_REFERENCED_ROW_2' }))).toBe(
      'ER_NO_REFERENCED_ROW_2',
    );
    expect(isBadValue(new Error('plain'))).toBe(false);
    expect(isBadValue(null)).toBe(false);
  });
});
