import type { Pool } from 'mysql2/promise';
import { createImportPool } from '../../api/imports/import-pool';
import { startApiServer, type RunningApi } from '../../api/server';
import { signUserToken } from '../../auth/user-token';
import { Customer } from '../../entities/customer.entity';
import { UserRole } from '../../contract/enums';
import { User } from '../../entities/user.entity';
import { codes, gql } from '../support/api-client';
import { createTestDatabase, type TestDatabase } from '../support/database';

const SECRETS = { tokenSecret: 't'.repeat(32), linkSecret: 'l'.repeat(32) };
const TEMPLATE = {
  columns: { date: '日期', docNo: '单号', description: '摘要' },
  amount: { column: '金额' },
};
const CSV = [
  '日期,单号,摘要,金额',
  '2026/10/3,INV-001,货款,"1,200.50"',
  '2026年10月9日,INV-002,货款,300.25',
  '2026-10-20,RCPT-001,付款,(1200.50)',
].join('\n');

describe('POST /imports/statements', () => {
  let db: TestDatabase;
  let pool: Pool;
  let api: RunningApi;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('upload');
    pool = createImportPool(db.config);
    api = await startApiServer({
      dataSource: db.dataSource,
      periods: undefined as never,
      temporalHealthy: async () => true,
      auth: SECRETS,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 64 * 1024,
      maxUploadBytes: 64 * 1024,
      importPool: pool,
    });
    await db.dataSource.getRepository(Customer).save({ code: 'UP1', name: '上传客户', currency: 'CNY' });
    for (const role of [UserRole.CLERK, UserRole.AUDITOR]) {
      const user = await db.dataSource
        .getRepository(User)
        .save({ email: `${role}@recon.test`, displayName: role, role });
      bearer[role] =
        `Bearer ${signUserToken(SECRETS.tokenSecret, { sub: user.id, role, name: role, exp: Date.now() / 1000 + 600 })}`;
    }
  });

  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await db?.drop();
  });

  const upload = (fields: Record<string, string>, content: string | Buffer, authorization?: string) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([content]), 'statement.csv');
    return fetch(`${api.url}/imports/statements`, {
      method: 'POST',
      body: form,
      headers: authorization ? { authorization } : {},
    });
  };
  const count = async (table: string) =>
    Number(((await db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: string }>)[0].n);
  const fields = {
    customerCode: 'UP1',
    template: JSON.stringify(TEMPLATE),
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
  };

  it('needs credentials and the import permission', async () => {
    expect((await upload(fields, CSV)).status).toBe(401);
    expect((await upload(fields, CSV, bearer.AUDITOR)).status).toBe(403);
    expect(await count('statement_lines')).toBe(0);
  });

  it('imports a messy real-world file exactly, once', async () => {
    const first = await upload(fields, CSV, bearer.CLERK);
    expect(first.status).toBe(201);
    const body = (await first.json()) as { status: string; lineCount: number; total: string };
    expect(body).toMatchObject({ status: 'IMPORTED', lineCount: 3 });
    const amounts = (await db.dataSource.query(
      'SELECT CAST(amount AS CHAR) AS a FROM statement_lines ORDER BY line_no',
    )) as Array<{ a: string }>;
    expect(amounts.map((r) => r.a)).toEqual(['1200.5000', '300.2500', '-1200.5000']);
    // Idempotent on the bytes: sent again, even with another period, it is the same import, and
    // the answer says so (with how to read it again).
    const again = await upload({ ...fields, periodEnd: '2026-10-30' }, CSV, bearer.CLERK);
    expect(again.status).toBe(200);
    const duplicate = (await again.json()) as { status: string; message: string };
    expect(duplicate.status).toBe('DUPLICATE');
    expect(duplicate.message).toMatch(/whatever template, period or balances .* replace=true/);
    expect(await count('statement_lines')).toBe(3);
    expect(await count('customer_statements')).toBe(1);
  });

  it('refuses an unknown customer naming the field, repeating only the start of a huge value', async () => {
    const response = await upload({ ...fields, customerCode: 'C'.repeat(20_000) }, CSV, bearer.CLERK);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text.length).toBeLessThan(1_000);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: `unknown customerCode "${'C'.repeat(64)}"… (20000 characters)`,
    });
    expect(await count('statement_lines')).toBe(3);
  });

  it('rejects a file with one bad row whole, naming the row and column', async () => {
    const bad = CSV.replace('2026年10月9日,INV-002,货款,300.25', '2026年10月9日,INV-002,货款,三百');
    const response = await upload({ ...fields, customerCode: 'UP1' }, bad + '\n', bearer.CLERK);
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      status: string;
      issues: Array<{ row: number; column: string }>;
    };
    expect(body.status).toBe('REJECTED');
    expect(body.issues).toEqual([expect.objectContaining({ row: 3, column: '金额' })]);
    expect(await count('statement_lines')).toBe(3); // nothing new
  });

  it('refuses oversized files and bad requests cleanly', async () => {
    expect((await upload(fields, Buffer.alloc(70 * 1024, 'a'), bearer.CLERK)).status).toBe(413);
    expect((await upload({ ...fields, customerCode: 'NOPE' }, CSV, bearer.CLERK)).status).toBe(400);
    expect((await upload({ ...fields, template: '{not json' }, CSV, bearer.CLERK)).status).toBe(400);
  });

  it('saves templates through GraphQL and imports with a saved one', async () => {
    const SAVE =
      'mutation ($d: JSON!) { saveMappingTemplate(customerCode: "UP1", name: "huadong", definition: $d) { name version } }';
    const saved = await gql<{ saveMappingTemplate: { version: number } }>(
      api.graphqlUrl,
      SAVE,
      { d: TEMPLATE },
      bearer.CLERK,
    );
    expect(saved.data?.saveMappingTemplate.version).toBe(1);
    const resaved = await gql<{ saveMappingTemplate: { version: number } }>(
      api.graphqlUrl,
      SAVE,
      { d: TEMPLATE },
      bearer.CLERK,
    );
    expect(resaved.data?.saveMappingTemplate.version).toBe(2);
    expect(codes(await gql(api.graphqlUrl, SAVE, { d: { columns: {} } }, bearer.CLERK))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await gql(api.graphqlUrl, SAVE, { d: TEMPLATE }, bearer.AUDITOR))).toEqual(['FORBIDDEN']);
    const listed = await gql<{ mappingTemplates: Array<{ name: string }> }>(
      api.graphqlUrl,
      '{ mappingTemplates(customerCode: "UP1") { name } }',
      {},
      bearer.AUDITOR,
    );
    expect(listed.data?.mappingTemplates.map((t) => t.name)).toEqual(['huadong']);
    const november = CSV.replace(/2026\/10\/3/, '2026/11/3')
      .replace('2026年10月9日', '2026年11月9日')
      .replace('2026-10-20', '2026-11-20');
    const response = await upload(
      { customerCode: 'UP1', templateName: 'huadong', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
      november,
      bearer.CLERK,
    );
    expect(response.status).toBe(201);
  });
});
