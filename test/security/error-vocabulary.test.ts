import { API_ERRORS, ApiErrorCode } from '../../api/api-error';
import { Customer } from '../../entities/customer.entity';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * One error vocabulary (#17, low: "error codes differ between GraphQL, reports and uploads"): every
 * refusal on each path carries a code of ApiErrorCode, with its documented HTTP status on the HTTP
 * routes, in one shape: `{ code, message, problems?: [{ index, field, reason }] }`.
 */
const CODES: ReadonlySet<string> = new Set(Object.values(ApiErrorCode));
const TEMPLATE = { columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } };

function expectProblems(problems: unknown, field?: string) {
  if (field === undefined && problems === undefined) return;
  expect(Array.isArray(problems)).toBe(true);
  for (const problem of problems as unknown[])
    expect(problem).toEqual({
      index: expect.any(Number) as unknown,
      field: expect.any(String) as unknown,
      reason: expect.any(String) as unknown,
    });
  if (field) expect((problems as Array<{ field: string }>).map((p) => p.field)).toContain(field);
}

describe('one error vocabulary on GraphQL, report downloads and uploads', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApiHarness('sec_error_vocabulary', { uploads: true });
    await h.db.dataSource.getRepository(Customer).save({ code: 'EV', name: '错误客户', currency: 'CNY' });
  });
  afterAll(() => h?.stop());

  /** An HTTP route's refusal: status as documented for its code, `{ error: { code, message, problems? } }`. */
  async function expectHttpError(response: Response, code: ApiErrorCode, field?: string) {
    const body = (await response.json()) as { error: Record<string, unknown> };
    expect(CODES.has(body.error.code as string)).toBe(true);
    expect(body.error.code).toBe(code);
    expect(response.status).toBe(API_ERRORS[code].status);
    expect(typeof body.error.message).toBe('string');
    for (const key of Object.keys(body.error))
      expect(['code', 'message', 'problems', 'errorId', 'requestId']).toContain(key);
    expectProblems(body.error.problems, field);
    return body;
  }

  it('GraphQL: each refusal a code of the one enum, fields named in problems', async () => {
    const cases: Array<[string, Record<string, unknown>, string | undefined, ApiErrorCode, string?]> = [
      ['{ verifyAuditChain { ok } }', {}, undefined, ApiErrorCode.UNAUTHENTICATED],
      ['{ verifyAuditChain { ok } }', {}, h.bearer.CLERK, ApiErrorCode.FORBIDDEN],
      [
        '{ customers(first: 1000) { edges { cursor } } }',
        {},
        h.bearer.ADMIN,
        ApiErrorCode.BAD_USER_INPUT,
        'first',
      ],
      [
        '{ customers(last: 2) { edges { cursor } } }',
        {},
        h.bearer.ADMIN,
        ApiErrorCode.BAD_USER_INPUT,
        'last',
      ],
      [
        'query ($n: Int) { customers(first: $n) { edges { cursor } } }',
        { n: 'ten' },
        h.bearer.ADMIN,
        ApiErrorCode.BAD_USER_INPUT,
      ],
      ['{ customers { nope } }', {}, h.bearer.ADMIN, ApiErrorCode.GRAPHQL_VALIDATION_FAILED],
      ['{ customers {', {}, h.bearer.ADMIN, ApiErrorCode.GRAPHQL_PARSE_FAILED],
    ];
    for (const [query, variables, authorization, code, field] of cases) {
      const answer = await h.call(query, variables, authorization);
      expect({ query, codes: answer.errors?.map((error) => error.extensions?.code) }).toEqual({
        query,
        codes: [code],
      });
      const extensions = answer.errors![0].extensions as Record<string, unknown>;
      for (const key of Object.keys(extensions))
        expect(['code', 'problems', 'errorId', 'requestId']).toContain(key);
      expectProblems(extensions.problems, field);
    }
  });

  it('report downloads: the same codes and shape', async () => {
    const get = (query: string, authorization?: string) =>
      fetch(`${h.api.url}/reports/${query}`, { headers: authorization ? { authorization } : {} });
    await expectHttpError(await get('statement?periodId=1'), ApiErrorCode.UNAUTHENTICATED);
    await expectHttpError(
      await get('statement?periodId=1&format=doc', h.bearer.ADMIN),
      ApiErrorCode.BAD_USER_INPUT,
      'format',
    );
    await expectHttpError(
      await get('statement?periodId=1&lang=fr', h.bearer.ADMIN),
      ApiErrorCode.BAD_USER_INPUT,
      'lang',
    );
    await expectHttpError(await get('statement', h.bearer.ADMIN), ApiErrorCode.BAD_USER_INPUT, 'periodId');
    await expectHttpError(
      await get('kpi?from=2026-13-01&to=2026-12-31', h.bearer.ADMIN),
      ApiErrorCode.BAD_USER_INPUT,
      'from',
    );
    await expectHttpError(await get('statement?periodId=999999', h.bearer.ADMIN), ApiErrorCode.NOT_FOUND);
    await expectHttpError(await get('nothing', h.bearer.ADMIN), ApiErrorCode.NOT_FOUND);
    // A parameter given twice is refused naming it (the probe's `format=pdf&format=csv` read as absent).
    await expectHttpError(
      await get('statement?periodId=1&periodId=2', h.bearer.ADMIN),
      ApiErrorCode.BAD_USER_INPUT,
      'periodId',
    );
    await expectHttpError(
      await get('summary?period=2026-10&currency=USD&currency=CNY', h.bearer.ADMIN),
      ApiErrorCode.BAD_USER_INPUT,
      'currency',
    );
  });

  it('uploads: the same codes and shape, a refused file included', async () => {
    const post = (fields: Record<string, string>, file: string | null, authorization?: string) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      if (file !== null) form.append('file', new Blob([file]), 'ev.csv');
      return fetch(`${h.api.url}/imports/statements`, {
        method: 'POST',
        body: form,
        headers: authorization ? { authorization } : {},
      });
    };
    const fields = {
      customerCode: 'EV',
      template: JSON.stringify(TEMPLATE),
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
    };
    const csv = '日期,单号,金额\n2026-10-05,INV-1,10.00\n';
    await expectHttpError(await post(fields, csv), ApiErrorCode.UNAUTHENTICATED);
    await expectHttpError(await post(fields, csv, h.bearer.AUDITOR), ApiErrorCode.FORBIDDEN);
    await expectHttpError(await post(fields, null, h.bearer.CLERK), ApiErrorCode.BAD_REQUEST);
    await expectHttpError(
      await post({ ...fields, customerCode: 'NOPE' }, csv, h.bearer.CLERK),
      ApiErrorCode.BAD_USER_INPUT,
      'customerCode',
    );
    await expectHttpError(
      await post({ ...fields, template: '{' }, csv, h.bearer.CLERK),
      ApiErrorCode.BAD_USER_INPUT,
      'template',
    );
    await expectHttpError(
      await post({ ...fields, mode: 'SOME' }, csv, h.bearer.CLERK),
      ApiErrorCode.BAD_USER_INPUT,
      'mode',
    );
    await expectHttpError(
      await post(fields, 'x'.repeat(1100 * 1024), h.bearer.CLERK),
      ApiErrorCode.PAYLOAD_TOO_LARGE,
    );
    const notJson = await fetch(`${h.api.url}/imports/statements`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: h.bearer.CLERK, 'content-type': 'application/json' },
    });
    await expectHttpError(notJson, ApiErrorCode.BAD_REQUEST);
    // A multipart body without a boundary, cut short or garbled: BAD_REQUEST (the probe got 500).
    for (const [contentType, body] of [
      ['multipart/form-data', 'abc'],
      [
        'multipart/form-data; boundary=XX',
        '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      ],
      ['multipart/form-data; boundary=XX', 'garbage'],
    ]) {
      const garbled = await fetch(`${h.api.url}/imports/statements`, {
        method: 'POST',
        body,
        headers: { authorization: h.bearer.CLERK, 'content-type': contentType },
      });
      await expectHttpError(garbled, ApiErrorCode.BAD_REQUEST);
    }
    // A file read and refused: FILE_REJECTED (422), its rows and columns named, the import's detail kept.
    const rejected = await expectHttpError(
      await post(fields, '日期,单号,金额\n2026-10-05,INV-1,ten\n2026-11-05,INV-2,1.00\n', h.bearer.CLERK),
      ApiErrorCode.FILE_REJECTED,
      '金额',
    );
    const problems = rejected.error.problems as Array<{ index: number; field: string; reason: string }>;
    expect(problems[0]).toMatchObject({
      index: 2,
      field: '金额',
      reason: expect.stringMatching(/^INVALID_AMOUNT: /) as unknown,
    });
    expect(rejected).toMatchObject({
      status: 'REJECTED',
      issues: expect.arrayContaining([expect.objectContaining({ code: 'INVALID_AMOUNT' })]) as unknown,
    });
  });
});
