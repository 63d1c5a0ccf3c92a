import { Customer } from '../../entities/customer.entity';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17 (low): a report request that names what does not exist is refused, not answered with an empty
 * report: an unknown customer is 404 NOT_FOUND, a well-formed code that is no currency 400, and a
 * reversed range 400, each naming what is wrong.
 */
describe('report requests name what exists (#17 low)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('report-requests');
    await h.db.dataSource.getRepository(Customer).save({ code: 'RR1', name: '客户 RR1', currency: 'CNY' });
  });

  afterAll(() => h?.stop());

  const get = async (query: string) => {
    const response = await fetch(`${h.api.url}/reports/${query}`, {
      headers: { authorization: h.bearer.MANAGER },
    });
    const body = response.headers.get('content-type')?.includes('json')
      ? ((await response.json()) as { error?: { code: string; message: string } })
      : {};
    return { status: response.status, error: body.error };
  };

  it.each([
    ['aging?asOf=2026-10-31&customerCode=NOPE&format=csv', 404, 'NOT_FOUND', 'no customer "NOPE"'],
    ['aging?asOf=2026-10-31&currency=XYZ&format=csv', 400, 'BAD_USER_INPUT', 'XYZ'],
    ['summary?period=2026-10&currency=ABC&format=csv', 400, 'BAD_USER_INPUT', 'ABC'],
    ['kpi?from=2026-11-01&to=2026-10-01&currency=CNY&format=csv', 400, 'BAD_USER_INPUT', 'reversed'],
  ])('GET /reports/%s → %i %s', async (query, status, code, words) => {
    const answer = await get(query);
    expect(answer.status).toBe(status);
    expect(answer.error?.code).toBe(code);
    expect(answer.error?.message).toContain(words);
  });

  it('still answers for a known customer and currency', async () => {
    expect((await get('aging?asOf=2026-10-31&customerCode=RR1&currency=CNY&format=csv')).status).toBe(200);
    expect((await get('aging?asOf=2026-10-31&currency=USD&format=csv')).status).toBe(200);
  });
});
