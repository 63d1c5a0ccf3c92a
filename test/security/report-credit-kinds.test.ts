import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #21: GET /reports/credit-review and /reports/collections, as `recon export` writes them. Both show
 * credit standings or collection figures, so they need report:read beside read (as collectionKpis over
 * GraphQL): managers, auditors and admins; clerks are refused, the anonymous 401. Bad, unknown and
 * repeated parameters are 400 naming the parameter.
 */
describe('credit review and collection KPIs over HTTP (#21)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('report-credit-kinds');
    await h.db.dataSource.getRepository(Customer).save({ code: 'CRK1', name: '客户 CRK1', currency: 'CNY' });
  });

  afterAll(() => h?.stop());

  const get = async (query: string, role: UserRole | null = UserRole.MANAGER) => {
    const response = await fetch(`${h.api.url}/reports/${query}`, {
      headers: role ? { authorization: h.bearer[role] } : {},
    });
    const json = response.headers.get('content-type')?.includes('json');
    const body = json ? ((await response.json()) as { error?: { code: string; message: string } }) : {};
    const text = json ? '' : await response.text();
    return { status: response.status, error: body.error, text, type: response.headers.get('content-type') };
  };

  const CREDIT = 'credit-review?format=csv&lang=en';
  const COLLECTIONS = 'collections?from=2026-10-01&to=2026-10-31&currency=CNY&format=csv&lang=en';

  it.each([
    [UserRole.MANAGER, 200],
    [UserRole.AUDITOR, 200],
    [UserRole.ADMIN, 200],
    [UserRole.CLERK, 403],
    [null, 401],
  ])('credit-review and collections for %s → %i', async (role, status) => {
    for (const query of [CREDIT, COLLECTIONS]) {
      const answer = await get(query, role);
      expect(answer.status).toBe(status);
      if (status === 403) expect(answer.error?.code).toBe('FORBIDDEN');
      if (status === 401) expect(answer.error?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('the credit review lists the customers, the collection KPIs name the range', async () => {
    const review = await get(CREDIT, UserRole.AUDITOR);
    expect(review.type).toContain('text/csv');
    expect(review.text).toContain('CRK1');
    const one = await get('credit-review?customerCode=CRK1&currency=CNY&asOf=2026-10-31&format=csv');
    expect(one.status).toBe(200);
    expect(one.text).toContain('CRK1');
    expect(one.text).toContain('2026-10-31');
    const kpis = await get(COLLECTIONS, UserRole.AUDITOR);
    expect(kpis.type).toContain('text/csv');
    expect(kpis.text).toContain('2026-10-01');
    expect(kpis.text).toContain('2026-10-31');
  });

  it('a PDF is a PDF', async () => {
    const response = await fetch(`${h.api.url}/reports/credit-review?format=pdf`, {
      headers: { authorization: h.bearer.AUDITOR },
    });
    expect(response.status).toBe(200);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it.each([
    ['credit-review?asOf=2026-13-45&format=csv', 400, 'BAD_USER_INPUT', 'asOf'],
    ['credit-review?currency=XYZ&format=csv', 400, 'BAD_USER_INPUT', 'XYZ'],
    ['credit-review?customerCode=NOPE&format=csv', 404, 'NOT_FOUND', 'no customer "NOPE"'],
    ['credit-review?asof=2026-10-31&format=csv', 400, 'BAD_USER_INPUT', '"asof"'],
    ['credit-review?customerCode=CRK1&customerCode=X&format=csv', 400, 'BAD_USER_INPUT', 'more than once'],
    ['collections?from=2026-10-01&format=csv', 400, 'BAD_USER_INPUT', 'to'],
    ['collections?from=2026-11-01&to=2026-10-01&format=csv', 400, 'BAD_USER_INPUT', 'reversed'],
    ['collections?from=2026-10-01&to=2026-10-31&currency=XYZ&format=csv', 400, 'BAD_USER_INPUT', 'XYZ'],
    ['collections?from=2026-10-01&to=2026-10-31&periodId=1&format=csv', 400, 'BAD_USER_INPUT', '"periodId"'],
    ['aging?asOf=2026-10-31&from=2026-10-01&format=csv', 400, 'BAD_USER_INPUT', '"from"'],
    ['nosuch?format=csv', 404, 'NOT_FOUND', 'no report nosuch'],
  ])('GET /reports/%s → %i %s', async (query, status, code, words) => {
    const answer = await get(query);
    expect(answer.status).toBe(status);
    expect(answer.error?.code).toBe(code);
    expect(answer.error?.message).toContain(words);
  });
});
