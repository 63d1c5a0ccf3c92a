import { readFileSync } from 'node:fs';
import path from 'node:path';
import { apiCodeOf, API_ERRORS, ApiErrorCode } from '../../api/api-error';
import { AuthErrorCode } from '../../auth/principal';
import { PeriodRejection } from '../../contract/period';
import { ImportErrorCode } from '../../imports/errors';
import { ReportRequestErrorCode } from '../../reports/sources/report-error';

/** The rows docs/errors.md must hold: one per code, as API_ERRORS says. */
const errorTable = () =>
  Object.entries(API_ERRORS).map(([code, { status, meaning }]) => `| \`${code}\` | ${status} | ${meaning} |`);

describe('the API error codes', () => {
  it('are documented in docs/errors.md exactly as the code gives them', () => {
    const doc = readFileSync(path.resolve(__dirname, '../../docs/errors.md'), 'utf8');
    const rows = doc.split('\n').filter((line) => /^\| `[A-Z_]+` \|/.test(line));
    expect(rows).toEqual(errorTable());
  });

  it('give each refusal its code, whichever path it leaves by', () => {
    expect(apiCodeOf(AuthErrorCode.UNAUTHENTICATED)).toBe(ApiErrorCode.UNAUTHENTICATED);
    expect(apiCodeOf(PeriodRejection.INVALID_REQUEST)).toBe(ApiErrorCode.BAD_USER_INPUT);
    expect(apiCodeOf(PeriodRejection.MAKER_CHECKER)).toBe(ApiErrorCode.MAKER_CHECKER);
    expect(apiCodeOf(ReportRequestErrorCode.INVALID_REQUEST)).toBe(ApiErrorCode.BAD_USER_INPUT);
    expect(apiCodeOf(ImportErrorCode.INVALID_TEMPLATE)).toBe(ApiErrorCode.BAD_USER_INPUT);
    for (const code of Object.values(ApiErrorCode))
      expect(API_ERRORS[code].status).toBeGreaterThanOrEqual(400);
  });
});
