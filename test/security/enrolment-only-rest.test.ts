import { SYSTEM_ACTORS } from '../../contract/actor';
import { UserRole } from '../../contract/enums';
import { setTwoFactorRequiredRoles } from '../../users/two-factor-policy';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { codes, startPlatformStack, type PlatformStack } from './platform-stack';

/**
 * Probe (December 2026): a credential held to enrolment (its user's role requires two-factor
 * sign-in, and the user has not enrolled) may only enrol. GraphQL's operations refused it, but the
 * period lookup and the REST routes asked `can()` alone, which read the role and not the hold: such
 * a clerk read a period's status and balances through `period`, downloaded every report (statement,
 * differences, bridge, aging) and reached the statement import. Each now answers
 * TWO_FACTOR_ENROLMENT_REQUIRED, as the rest of the API does; released, the same credential works.
 */
describe('a credential held to enrolment reads and imports nothing (probe)', () => {
  let stack: PlatformStack;
  let periodId: string;

  beforeAll(async () => {
    stack = await startPlatformStack('enrol_rest');
    await seedCustomer(stack.h.db.dataSource, 'ER1', CLEAN_LINES, CLEAN_LINES);
    periodId = await stack.openPeriod('ER1', 'AWAITING_CUSTOMER');
  });
  afterAll(() => stack?.stop());

  const report = async (query: string) => {
    const response = await fetch(`${stack.api.url}/reports/${query}&format=csv`, {
      headers: { authorization: stack.staff.CLERK },
    });
    const body = response.headers.get('content-type')?.includes('json')
      ? ((await response.json()) as { error?: { code: string } })
      : {};
    return { status: response.status, code: body.error?.code };
  };
  const upload = async () => {
    const form = new FormData();
    form.append('customerCode', 'ER1');
    form.append('file', new Blob(['a,b\n1,2\n']), 'x.csv');
    const response = await fetch(`${stack.api.url}/imports/statements`, {
      method: 'POST',
      body: form,
      headers: { authorization: stack.staff.CLERK },
    });
    return {
      status: response.status,
      code: ((await response.json()) as { error?: { code: string } }).error?.code,
    };
  };
  const readPeriod = () =>
    stack.call(
      'query ($id: ID!) { period(id: $id) { id status ourClosingBalance theirClosingBalance bridgeTied } }',
      { id: periodId },
      stack.staff.CLERK,
    );
  const REPORTS = () => [
    `statement?periodId=${periodId}`,
    `differences?periodId=${periodId}`,
    `bridge?periodId=${periodId}`,
    'aging?asOf=2026-10-31',
  ];

  it('refuses the period lookup, every report and the import with TWO_FACTOR_ENROLMENT_REQUIRED', async () => {
    // Before the hold: the clerk reads the period and the reports (the requests are valid).
    expect(codes(await readPeriod())).toEqual([]);
    for (const query of REPORTS()) expect(await report(query)).toEqual({ status: 200, code: undefined });

    await setTwoFactorRequiredRoles(stack.h.db.dataSource, [UserRole.CLERK], [], SYSTEM_ACTORS.operator);
    try {
      const held = await readPeriod();
      expect(codes(held)).toEqual(['TWO_FACTOR_ENROLMENT_REQUIRED']);
      expect(held.data?.period ?? null).toBeNull();
      for (const query of REPORTS())
        expect(await report(query)).toEqual({ status: 403, code: 'TWO_FACTOR_ENROLMENT_REQUIRED' });
      expect(await upload()).toEqual({ status: 403, code: 'TWO_FACTOR_ENROLMENT_REQUIRED' });
    } finally {
      await setTwoFactorRequiredRoles(stack.h.db.dataSource, [], [], SYSTEM_ACTORS.operator);
    }

    // Released: the same token reads again.
    expect(codes(await readPeriod())).toEqual([]);
    expect((await report(`statement?periodId=${periodId}`)).status).toBe(200);
  });
});
