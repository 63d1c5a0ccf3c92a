import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Customer } from '../../entities/customer.entity';
import { codes, startApiHarness, type ApiHarness } from './api-harness';

const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');
const EVENTS = `query ($f: AuditFilter, $first: Int, $after: String) {
  auditEvents(filter: $f, first: $first, after: $after) {
    edges { node { id action actorId entityType entityId before after prevHash hash } }
    pageInfo { hasNextPage endCursor } } }`;

type Events = {
  auditEvents: {
    edges: Array<{ node: Record<string, unknown> & { id: string; action: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

describe('the audit log over GraphQL and `recon audit verify`', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApiHarness('auditapi');
    await h.db.dataSource.getRepository(Customer).save({ code: 'AU1', name: '客户 AU1', currency: 'CNY' });
    for (const window of [3, 4, 5]) {
      await h.call(
        'mutation ($r: JSON) { updateCustomerSettings(code: "AU1", ruleSettings: $r) { version } }',
        { r: { dateWindowDays: window } },
        h.bearer.ADMIN,
      );
    }
    await h.call('mutation { createApiKey(name: "k", scopes: ["read"]) { key } }', {}, h.bearer.ADMIN);
  });

  afterAll(() => h?.stop());

  const verifyCli = () =>
    spawnSync(process.execPath, [RECON, 'audit', 'verify'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: h.db.config.url },
    });

  it('lists events newest first with who, what, before and after; filtered and paged', async () => {
    const all = await h.call<Events>(EVENTS, { first: 2 }, h.bearer.AUDITOR);
    expect(all.data!.auditEvents.edges.map((e) => e.node.action)).toEqual([
      'api_key.created',
      'customer.settings_updated',
    ]);
    const next = await h.call<Events>(
      EVENTS,
      { first: 2, after: all.data!.auditEvents.pageInfo.endCursor },
      h.bearer.AUDITOR,
    );
    expect(next.data!.auditEvents.edges).toHaveLength(2);
    expect(next.data!.auditEvents.pageInfo.hasNextPage).toBe(false);
    const settings = await h.call<Events>(
      EVENTS,
      { f: { action: 'customer.settings_updated', actorId: `user:${h.userIds.ADMIN}` } },
      h.bearer.ADMIN,
    );
    const nodes = settings.data!.auditEvents.edges.map((e) => e.node);
    expect(nodes).toHaveLength(3);
    expect(nodes[0]).toMatchObject({
      entityType: 'customer',
      before: { ruleSettings: { dateWindowDays: 4 } },
      after: { ruleSettings: { dateWindowDays: 5 } },
    });
    expect(nodes[0].prevHash).toBe(nodes[1].hash);
    const none = await h.call<Events>(
      EVENTS,
      { f: { from: new Date(Date.now() + 3600_000).toISOString() } },
      h.bearer.AUDITOR,
    );
    expect(none.data!.auditEvents.edges).toEqual([]);
  });

  it('verifies the chain, and names the first edited row, over the API and from the command line', async () => {
    const VERIFY = '{ verifyAuditChain { ok eventsChecked firstBrokenEventId reason } }';
    expect((await h.call(VERIFY, {}, h.bearer.AUDITOR)).data).toEqual({
      verifyAuditChain: { ok: true, eventsChecked: 4, firstBrokenEventId: null, reason: null },
    });
    const intact = verifyCli();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toContain('audit chain intact: 4 events');

    // Someone with DDL rights gets past the append-only trigger and edits the second event.
    const [, second] = (await h.db.dataSource.query(
      'SELECT CAST(id AS CHAR) AS id FROM audit_events ORDER BY id',
    )) as Array<{ id: string }>;
    await h.db.dataSource.query('DROP TRIGGER audit_events_no_update');
    await h.db.dataSource.query(`UPDATE audit_events SET actor_id = 'user:999' WHERE id = ?`, [second.id]);
    const broken = await h.call<{ verifyAuditChain: Record<string, unknown> }>(VERIFY, {}, h.bearer.ADMIN);
    expect(broken.data!.verifyAuditChain).toMatchObject({
      ok: false,
      eventsChecked: 1,
      firstBrokenEventId: second.id,
    });
    const cli = verifyCli();
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`audit chain BROKEN at event ${second.id}`);
    expect(codes(await h.call(VERIFY, {}, h.bearer.CLERK))).toEqual(['FORBIDDEN']);
  });
});
