import type { Pool } from 'mysql2/promise';
import { createImportPool } from '../../api/imports/import-pool';
import { startApiServer, type RunningApi } from '../../api/server';
import { signCustomerLink } from '../../auth/customer-link';
import { signUserToken } from '../../auth/user-token';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { User } from '../../entities/user.entity';
import { recordSentLink } from '../support/customer-links';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { someoneWaits } from '../support/lock-waits';

const SECRETS = { tokenSecret: 't'.repeat(32), linkSecret: 'l'.repeat(32) };
const MAX_BYTES = 4096;
const GOOD = [
  'Date,Document,Reference,Description,Amount',
  '2026-10-03,INV-001,PO-7,Goods,1200.50',
  '2026-10-20,RCPT-001,,Payment,-1200.50',
].join('\n');
const GOOD_ZH = [
  '日期,单据号,参考号,摘要,金额',
  '2026/10/3,INV-001,PO-7,货款,"1,200.50"',
  '2026年10月9日,INV-002,,货款,300.25',
].join('\n');

describe('POST /confirm/statement-file: the customer uploads their own statement with the link', () => {
  let db: TestDatabase;
  let pool: Pool;
  let api: RunningApi;
  let clerk: string;

  beforeAll(async () => {
    db = await createTestDatabase('cust_upload');
    pool = createImportPool(db.config);
    api = await startApiServer({
      dataSource: db.dataSource,
      periods: undefined as never,
      temporalHealthy: async () => true,
      auth: SECRETS,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 64 * 1024,
      importPool: pool,
      maxCustomerUploadBytes: MAX_BYTES,
      webhooks: false,
    });
    const user = await db.dataSource
      .getRepository(User)
      .save({ email: 'clerk@recon.test', displayName: 'clerk', role: UserRole.CLERK });
    clerk = `Bearer ${signUserToken(SECRETS.tokenSecret, { sub: user.id, role: UserRole.CLERK, name: 'clerk', exp: Date.now() / 1000 + 600 })}`;
  });

  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await db?.drop();
  });

  /** A customer whose October period waits for their answer, with round 1's link as e-mailed. */
  async function awaiting(code: string, status = PeriodStatus.AWAITING_CUSTOMER) {
    const customer = await db.dataSource
      .getRepository(Customer)
      .save({ code, name: `客户 ${code}`, currency: 'CNY' });
    const period = await db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: `recon-${code}-2026-10`,
      status,
      currency: 'CNY',
    });
    const link = await recordSentLink(db.dataSource, SECRETS.linkSecret, {
      periodId: period.id,
      customerCode: code,
    });
    return { customerId: customer.id, periodId: period.id, link };
  }

  const upload = (authorization: string | undefined, content: string | Buffer, name = 'ours.csv') => {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    return fetch(`${api.url}/confirm/statement-file`, {
      method: 'POST',
      body: form,
      headers: authorization ? { authorization } : {},
    });
  };
  const statementsOf = async (customerId: string) =>
    (await db.dataSource.query(
      'SELECT CAST(id AS CHAR) AS id, line_count AS lineCount, replaced_by_id AS replacedBy FROM customer_statements WHERE customer_id = ? ORDER BY id',
      [customerId],
    )) as Array<{ id: string; lineCount: number; replacedBy: string | null }>;
  const audits = async (periodId: string) =>
    (await db.dataSource.query(
      "SELECT action, actor_type AS actorType, actor_id AS actorId FROM audit_events WHERE period_id = ? AND action LIKE 'statement.%' ORDER BY id",
      [periodId],
    )) as Array<{ action: string; actorType: string; actorId: string }>;

  it('imports the file through the staff importer into the period, audited as the customer, and the clerk’s timeline says so', async () => {
    const { customerId, periodId, link } = await awaiting('CU1');
    const first = await upload(link, GOOD);
    expect(first.status).toBe(201);
    const body = (await first.json()) as Record<string, unknown>;
    expect(body).toEqual({
      status: 'IMPORTED',
      fileName: 'ours.csv',
      lineCount: 2,
      openingBalance: '0',
      closingBalance: '0',
    });
    // Nothing internal goes back to the link (ids, hashes, the importer's details).
    expect(Object.keys(body)).not.toContain('statementId');
    expect(await statementsOf(customerId)).toEqual([
      expect.objectContaining({ lineCount: 2, replacedBy: null }),
    ]);

    // A second file (the Chinese template's headers) replaces the first.
    const second = await upload(link, GOOD_ZH, '对账单.csv');
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({
      status: 'IMPORTED',
      lineCount: 2,
      closingBalance: '1500.75',
    });
    const statements = await statementsOf(customerId);
    expect(statements).toHaveLength(2);
    expect(statements[0]!.replacedBy).toBe(statements[1]!.id);

    expect(await audits(periodId)).toEqual([
      { action: 'statement.imported', actorType: 'CUSTOMER', actorId: 'customer:CU1' },
      { action: 'statement.replaced', actorType: 'CUSTOMER', actorId: 'customer:CU1' },
    ]);
    const timeline = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: clerk },
      body: JSON.stringify({
        query: `{ period(id: "${periodId}") { timeline { action actorType actorName } } }`,
      }),
    });
    const steps = ((await timeline.json()) as { data: { period: { timeline: unknown[] } } }).data.period
      .timeline;
    expect(steps).toEqual([
      { action: 'statement.imported', actorType: 'CUSTOMER', actorName: 'customer' },
      { action: 'statement.replaced', actorType: 'CUSTOMER', actorName: 'customer' },
    ]);
  });

  it('refuses a bad file whole, naming each row and column, and writes nothing', async () => {
    const { customerId, periodId, link } = await awaiting('CU2');
    const bad = [
      'Date,Document,Reference,Description,Amount',
      '2026-10-03,INV-001,,Goods,12O0.50',
      '2026-11-02,INV-002,,Goods,10.00',
      '2026-10-05,INV-003,,Goods,',
    ].join('\n');
    const answer = await upload(link, bad);
    expect(answer.status).toBe(422);
    const body = (await answer.json()) as {
      status: string;
      rejectedRowCount: number;
      issues: Array<Record<string, unknown>>;
    };
    expect(body.status).toBe('REJECTED');
    expect(body.rejectedRowCount).toBe(3);
    expect(body.issues.map(({ code, row, column }) => ({ code, row, column }))).toEqual([
      { code: 'INVALID_AMOUNT', row: 2, column: 'Amount' },
      { code: 'DATE_OUT_OF_PERIOD', row: 3, column: 'Date' },
      { code: 'MISSING_VALUE', row: 4, column: 'Amount' },
    ]);
    // A file in neither template's layout says which columns are missing.
    const strange = await upload(link, 'When,What\n2026-10-03,1');
    expect(strange.status).toBe(422);
    expect(((await strange.json()) as { issues: Array<{ code: string }> }).issues.map((i) => i.code)).toEqual(
      ['HEADER_NOT_FOUND'],
    );
    expect(await statementsOf(customerId)).toEqual([]);
    expect(await audits(periodId)).toEqual([]);
  });

  it('refuses a forged, a stale (older round) and no link; staff; an answered round; a period moved on; an oversized file', async () => {
    const { customerId, periodId, link } = await awaiting('CU3');
    const code = async (response: Response) => [
      response.status,
      ((await response.json()) as { error: { code: string } }).error.code,
    ];

    expect(await code(await upload(undefined, GOOD))).toEqual([401, 'UNAUTHENTICATED']);
    const [payload] = link.slice('Customer '.length).split('.');
    expect(await code(await upload(`Customer ${payload}.${'A'.repeat(43)}`, GOOD))).toEqual([
      401,
      'UNAUTHENTICATED',
    ]);
    // Signed with the right secret but never sent (not the stored one): not a link either.
    const unstored = signCustomerLink(SECRETS.linkSecret, {
      periodId,
      customerCode: 'CU3',
      round: 1,
      exp: Math.floor(Date.now() / 1000) + 900,
    });
    expect(await code(await upload(`Customer ${unstored}`, GOOD))).toEqual([401, 'UNAUTHENTICATED']);
    expect(await code(await upload(clerk, GOOD))).toEqual([403, 'FORBIDDEN']);

    // Oversized: refused from the declared length, before anything is read.
    expect(await code(await upload(link, 'x'.repeat(MAX_BYTES + 70 * 1024)))).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
    // …and from the stream when the body is within the slack but the file is over.
    expect(
      await code(await upload(link, `${GOOD}\n${'2026-10-03,INV-9,,x,1\n'.repeat(MAX_BYTES / 20)}`)),
    ).toEqual([413, 'PAYLOAD_TOO_LARGE']);

    // A newer round revokes round 1's link (stale), and round 2's works.
    const round2 = await recordSentLink(db.dataSource, SECRETS.linkSecret, {
      periodId,
      customerCode: 'CU3',
      round: 2,
    });
    expect(await code(await upload(link, GOOD))).toEqual([401, 'UNAUTHENTICATED']);
    expect((await upload(round2, GOOD)).status).toBe(201);

    // Once the round is answered, or the period moved on, the link takes no file.
    await db.dataSource.query(
      "UPDATE customer_confirmations SET status = 'DISPUTED' WHERE period_id = ? AND round = 2",
      [periodId],
    );
    expect(await code(await upload(round2, GOOD_ZH))).toEqual([409, 'WRONG_STATE']);
    await db.dataSource.query(
      "UPDATE customer_confirmations SET status = 'SENT' WHERE period_id = ? AND round = 2",
      [periodId],
    );
    await db.dataSource.query('UPDATE reconciliation_periods SET status = ? WHERE id = ?', [
      PeriodStatus.IN_REVIEW,
      periodId,
    ]);
    expect(await code(await upload(round2, GOOD_ZH))).toEqual([409, 'WRONG_STATE']);

    // Only round 2's one good file was written.
    expect(await statementsOf(customerId)).toEqual([
      expect.objectContaining({ lineCount: 2, replacedBy: null }),
    ]);
    // Every attempt with a valid link is on the record in the customer's name, refusals too.
    const attempts = (await db.dataSource.query(
      "SELECT after_state AS after FROM audit_events WHERE action = 'statement.upload' AND actor_id = 'customer:CU3' ORDER BY id",
    )) as Array<{ after: string | { outcome: string; code: string | null } }>;
    expect(
      attempts.map((row) => {
        const after =
          typeof row.after === 'string'
            ? (JSON.parse(row.after) as { outcome: string; code: string | null })
            : row.after;
        return [after.outcome, after.code];
      }),
    ).toEqual([
      ['REFUSED', 'PAYLOAD_TOO_LARGE'],
      ['REFUSED', 'PAYLOAD_TOO_LARGE'],
      ['IMPORTED', null],
      ['REFUSED', 'WRONG_STATE'],
      ['REFUSED', 'WRONG_STATE'],
    ]);
  });

  const fileTasks = async (periodId: string) =>
    (await db.dataSource.query(
      "SELECT type, queue, status, title, workflow_id AS workflowId FROM tasks WHERE period_id = ? AND type = 'REVIEW_CUSTOMER_FILE' ORDER BY id",
      [periodId],
    )) as Array<{ type: string; queue: string; status: string; title: string; workflowId: string }>;

  it("raises a clerk task when the customer's link imports a file, committed with the lines: one open per period", async () => {
    const { periodId, link } = await awaiting('CU5');
    expect((await upload(link, GOOD, 'ours\r\nBcc: x.csv')).status).toBe(201);
    const [first] = await fileTasks(periodId);
    expect(first).toMatchObject({
      type: 'REVIEW_CUSTOMER_FILE',
      queue: 'CLERK',
      status: 'OPEN',
      workflowId: 'recon-CU5-2026-10',
    });
    expect(first!.title).toContain('became the statement of 2026-10-01..2026-10-31');
    // The customer's file name never carries a line break onto a clerk's screen.
    expect(first!.title).not.toMatch(/[\r\n]/);

    // A second file while that task is open brings it up to date: one task, however many files.
    expect((await upload(link, GOOD_ZH, '对账单.csv')).status).toBe(201);
    const [updated, ...more] = await fileTasks(periodId);
    expect(more).toEqual([]);
    expect(updated!.title).toMatch(/"对账单.csv" \(2 lines\): it replaced statement \d+/);

    // Once a clerk has dealt with it, the next file raises a new one.
    await db.dataSource.query("UPDATE tasks SET status = 'DONE' WHERE period_id = ?", [periodId]);
    expect((await upload(link, GOOD, 'again.csv')).status).toBe(201);
    expect((await fileTasks(periodId)).map((task) => task.status)).toEqual(['DONE', 'OPEN']);
    // A refused file raises nothing.
    expect((await upload(link, 'When,What\n2026-10-03,1')).status).toBe(422);
    expect(await fileTasks(periodId)).toHaveLength(2);
  });

  it('a dispute that commits while the file is being imported wins: the upload is refused and nothing is written', async () => {
    const { customerId, periodId, link } = await awaiting('CU6');
    // The customer's answer holds the period's row while it commits.
    const answer = await pool.getConnection();
    try {
      await answer.beginTransaction();
      await answer.query('SELECT id FROM reconciliation_periods WHERE id = ? FOR UPDATE', [periodId]);
      let settled = false;
      const pending = upload(link, GOOD).finally(() => (settled = true));
      // Wait until the import is blocked on that row (or, without the lock, has already finished).
      await someoneWaits(db.dataSource, { timeoutMs: 60_000, unless: () => settled });
      await answer.query("UPDATE customer_confirmations SET status = 'DISPUTED' WHERE period_id = ?", [
        periodId,
      ]);
      await answer.query('UPDATE reconciliation_periods SET status = ? WHERE id = ?', [
        PeriodStatus.IN_REVIEW,
        periodId,
      ]);
      await answer.commit();
      const response = await pending;
      expect([
        response.status,
        ((await response.json()) as { error?: { code: string } }).error?.code,
      ]).toEqual([409, 'WRONG_STATE']);
    } finally {
      answer.release();
    }
    expect(await statementsOf(customerId)).toEqual([]);
    expect(await fileTasks(periodId)).toEqual([]);
    expect(await audits(periodId)).toEqual([]);
  });

  it('answers a malformed multipart body with BAD_REQUEST, as staff uploads do, and audits the attempt', async () => {
    const { link } = await awaiting('CU4');
    const response = await fetch(`${api.url}/confirm/statement-file`, {
      method: 'POST',
      headers: { authorization: link, 'content-type': 'multipart/form-data; boundary=cut-short' },
      body: '--cut-short\r\nContent-Disposition: form-data; name="file"; filename="ours.csv"\r\n\r\n日期,单号',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    const [row] = (await db.dataSource.query(
      "SELECT after_state AS after FROM audit_events WHERE action = 'statement.upload' AND actor_id = 'customer:CU4'",
    )) as Array<{ after: string | { outcome: string; code: string } }>;
    const after =
      typeof row.after === 'string'
        ? (JSON.parse(row.after) as { outcome: string; code: string })
        : row.after;
    expect([after.outcome, after.code]).toEqual(['REFUSED', 'BAD_REQUEST']);
  });
});
