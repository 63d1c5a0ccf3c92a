import { issueApiKey } from '../../auth/api-keys';
import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

const FIELDS =
  'decision reasons { code message } customerCode currency amount limit exposure openReceivables disputed openOrders available onHold riskClass score';

describe('POST /credit/check: the credit check without GraphQL, over the real API', () => {
  let h: ApiHarness;
  const post = (body: unknown, authorization?: string, contentType = 'application/json') =>
    fetch(`${h.api.url}/credit/check`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const refusal = async (response: Response) => {
    const body = (await response.json()) as {
      error: { code: string; message: string; problems?: Array<{ field: string }> };
    };
    return { status: response.status, ...body.error, fields: body.error.problems?.map((p) => p.field) };
  };

  beforeAll(async () => {
    h = await startApiHarness('credit_rest');
    const customer = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'RS1', name: '接口客户', currency: 'CNY' });
    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'RS1',
        source: 'erp',
        externalId: 'i1',
        entryDate: '2026-10-05',
        kind: 'INVOICE',
        amount: '1200.50',
        currency: 'CNY',
      },
    ]);
    await h.db.dataSource.query(
      "INSERT INTO credit_limits (customer_id, currency, amount, set_by) VALUES (?, 'CNY', 1000, 'test')",
      [customer.id],
    );
  });
  afterAll(() => h?.stop());

  it('answers exactly what GraphQL creditCheck answers, field for field', async () => {
    const graphql = await h.call<{ creditCheck: Record<string, unknown> }>(
      `{ creditCheck(customerCode: "RS1", amount: "10.25") { ${FIELDS} } }`,
      {},
      h.bearer[UserRole.AUDITOR],
    );
    expect(graphql.errors).toBeUndefined();
    const response = await post({ customerCode: 'RS1', amount: '10.25' }, h.bearer[UserRole.AUDITOR]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const rest = (await response.json()) as Record<string, unknown>;
    expect(rest).toEqual(graphql.data!.creditCheck);
    expect(rest).toMatchObject({
      decision: 'BLOCK',
      customerCode: 'RS1',
      currency: 'CNY',
      amount: '10.25',
      limit: '1000',
      exposure: '1200.5',
      available: '-210.75',
    });
    const inEuro = await post({ customerCode: 'RS1', amount: '1', currency: 'EUR' }, h.bearer.AUDITOR);
    expect(await inEuro.json()).toMatchObject({ currency: 'EUR', limit: null, exposure: '0' });
  });

  it('refuses as creditCheck refuses: no credentials, a key without read, a bad field named', async () => {
    expect(await refusal(await post({ customerCode: 'RS1', amount: '1' }))).toMatchObject({
      status: 401,
      code: 'UNAUTHENTICATED',
    });
    const { key: importOnly } = await issueApiKey(h.db.dataSource, 'importer', ['import']);
    expect(
      await refusal(await post({ customerCode: 'RS1', amount: '1' }, `Bearer ${importOnly}`)),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const { key: reader } = await issueApiKey(h.db.dataSource, 'erp', ['read']);
    const ok = await post({ customerCode: 'RS1', amount: '1' }, `Bearer ${reader}`);
    expect(ok.status).toBe(200);
    const asked = (body: unknown) => post(body, `Bearer ${reader}`);
    expect(await refusal(await asked({ customerCode: 'RS1', amount: '-1' }))).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      fields: ['amount'],
    });
    expect(await refusal(await asked({ customerCode: 'RS1', amount: 1 }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['amount'],
    });
    expect(await refusal(await asked({ amount: '1' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['customerCode'],
    });
    expect(await refusal(await asked({ customerCode: 'RS1', amount: '1', currency: 'cny' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['currency'],
    });
    expect(await refusal(await asked({ customerCode: 'RS1', amount: '1', amout: '2' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: ['amout'],
    });
    expect(await refusal(await asked({ customerCode: 'NOPE', amount: '1' }))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await refusal(await asked('{"customerCode": '))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
    });
    expect(await refusal(await asked('[1]'))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(
      await refusal(await post({ customerCode: 'RS1', amount: '1' }, `Bearer ${reader}`, 'text/plain')),
    ).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    const get = await fetch(`${h.api.url}/credit/check`, { headers: { authorization: `Bearer ${reader}` } });
    expect(await refusal(get)).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
