import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAudit, auditPayload, chainHash, legacyChainHash } from '../../audit/audit-log';
import { auditChainKey } from '../../audit/chain-key';
import { AuditCheckpointer } from '../../audit/checkpoints';
import { verifyAuditChain } from '../../audit/verify-chain';
import { ActorType } from '../../contract/enums';
import { AuditEvent } from '../../entities/audit-event.entity';
import { prepareDatabase } from '../../db/prepare-database';
import { createTestDatabase, type TestDatabase } from '../support/database';

const RECON = path.resolve(__dirname, '../../dist/cli/recon.js');

/**
 * #17.14: someone with write access to the database (the default user is root) edits an event and
 * recomputes its successors, or cuts off the tail and moves the head. The chain is keyed with a
 * secret the database does not hold, and anchored by signed checkpoints outside it.
 */
describe('the audit chain against an attacker with database write access', () => {
  let db: TestDatabase;
  let dir: string;
  let file: string;
  const key = auditChainKey();

  beforeAll(async () => {
    db = await createTestDatabase('sec_audit_key');
    dir = mkdtempSync(path.join(os.tmpdir(), 'recon-audit-'));
    file = path.join(dir, 'checkpoints.jsonl');
  });
  afterAll(() => db?.drop());

  const append = (n: number) =>
    appendAudit(db.dataSource.manager, {
      actorType: ActorType.USER,
      actorId: 'user:7',
      action: 'adjustment.approved',
      entityType: 'adjustment',
      entityId: String(n),
      after: { status: 'APPROVED', amount: `${n}.00` },
    });
  const appendMany = async (count: number) => {
    for (let i = 0; i < count; i += 1) await append(i);
  };
  const events = () => db.dataSource.getRepository(AuditEvent).find({ order: { id: 'ASC' } });
  const getPastTriggers = async () => {
    await db.dataSource.query('DROP TRIGGER IF EXISTS audit_events_no_update');
    await db.dataSource.query('DROP TRIGGER IF EXISTS audit_events_no_delete');
  };
  const sha256Chain = (prev: string, payload: string) =>
    createHash('sha256').update(prev).update('\n').update(payload).digest('hex');

  /** Rewrites events from index `from` on with `hash`, in place, and moves the head: what the probe did. */
  const rechain = async (from: number, hash: (prev: string, payload: string) => string) => {
    const all = await events();
    let prev = all[from].prevHash;
    for (const event of all.slice(from)) {
      event.prevHash = prev;
      event.hash = prev = hash(prev, auditPayload(event));
      await db.dataSource.query('UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?', [
        event.prevHash,
        event.hash,
        event.id,
      ]);
    }
    await db.dataSource.query('UPDATE audit_chain_head SET last_hash = ? WHERE id = 1', [prev]);
  };

  it('refuses an edited event whose successors were recomputed with plain SHA-256', async () => {
    await appendMany(10);
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ ok: true, eventsChecked: 10 });
    await getPastTriggers();
    const victim = (await events())[3];
    await db.dataSource.query(
      `UPDATE audit_events SET after_state = JSON_OBJECT('status', 'REJECTED') WHERE id = ?`,
      [victim.id],
    );
    await rechain(3, sha256Chain);
    const verdict = await verifyAuditChain(db.dataSource);
    expect(verdict).toMatchObject({ ok: false, firstBrokenEventId: victim.id, eventsChecked: 3 });
    expect(verdict.reason).toMatch(/edited/);
    // Recomputed with a key that is not the configured one: refused as well.
    await rechain(3, (prev, payload) => chainHash(prev, payload, 'a-guessed-key-of-thirty-two-chars!!'));
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({
      ok: false,
      firstBrokenEventId: victim.id,
    });
    // Only the key recomputes it (so the key must stay out of the database's reach).
    await rechain(3, (prev, payload) => chainHash(prev, payload, key));
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ ok: true });
  });

  it('detects a cut-off tail with the head moved back, by the checkpoint outside the database', async () => {
    const checkpointer = new AuditCheckpointer(db.dataSource, { file, key, every: 5 });
    const first = await checkpointer.checkpointIfDue(); // none yet for this database: anchors at once
    expect(first).toMatchObject({ seq: (await events())[9].id });
    await appendMany(3);
    await expect(checkpointer.checkpointIfDue()).resolves.toBeUndefined(); // 3 < every
    await appendMany(3);
    const second = await checkpointer.checkpointIfDue();
    const all = await events();
    expect(second).toMatchObject({ seq: all[15].id, hash: all[15].hash });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    await appendMany(2);
    await expect(verifyAuditChain(db.dataSource, { checkpointFile: file })).resolves.toEqual({
      ok: true,
      eventsChecked: 18,
      checkpointsChecked: 2,
    });

    // Cut the tail back to event 13 and move the head onto it: the database alone cannot tell.
    const keep = all[12];
    await db.dataSource.query('DELETE FROM audit_events WHERE id > ?', [keep.id]);
    await db.dataSource.query('UPDATE audit_chain_head SET last_hash = ?, last_event_id = ? WHERE id = 1', [
      keep.hash,
      keep.id,
    ]);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ ok: true, eventsChecked: 13 });
    const verdict = await verifyAuditChain(db.dataSource, { checkpointFile: file });
    expect(verdict).toMatchObject({ ok: false, firstBrokenEventId: all[15].id });
    expect(verdict.reason).toMatch(/behind checkpoint/);

    // `recon audit verify` reads the same file from AUDIT_CHECKPOINT_FILE and exits 1.
    const run = spawnSync(process.execPath, [RECON, 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: db.config.url, AUDIT_CHECKPOINT_FILE: file },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toMatch(/audit chain BROKEN .*behind checkpoint/);
    expect(run.status).toBe(1);
  });

  it('refuses a checkpoint line not signed with the key, and a moved unkeyed-history boundary', async () => {
    const forged = {
      database: db.config.database,
      seq: '1',
      hash: '0'.repeat(64),
      legacyThrough: null,
      at: 'x',
    };
    appendFileSync(file, `${JSON.stringify({ ...forged, mac: 'f'.repeat(64) })}\n`);
    await expect(verifyAuditChain(db.dataSource, { checkpointFile: file })).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/line 3 is not signed/) as unknown,
    });
    // Claiming every event so far was written before the chain was keyed (and rewriting it all
    // with plain SHA-256) contradicts the boundary the checkpoints recorded.
    const other = path.join(dir, 'boundary.jsonl');
    await new AuditCheckpointer(db.dataSource, { file: other, key, every: 5 }).checkpointIfDue();
    const last = (await events()).at(-1)!;
    await rechain(0, legacyChainHash);
    await db.dataSource.query('UPDATE audit_chain_head SET legacy_through_event_id = ? WHERE id = 1', [
      last.id,
    ]);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ ok: true });
    await expect(verifyAuditChain(db.dataSource, { checkpointFile: other })).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/boundary/) as unknown,
    });
  });
});

/** Events written before the chain was keyed (the migration records their last id) still verify. */
describe('an audit chain begun before it was keyed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sec_audit_legacy');
  });
  afterAll(() => db?.drop());

  it('verifies unkeyed events up to the boundary and keyed ones after it', async () => {
    const entry = (n: number) => ({
      actorType: ActorType.SYSTEM,
      actorId: 'system',
      action: 'legacy.event',
      entityType: 'period',
      entityId: String(n),
    });
    // What an older Recon wrote: plain SHA-256 links, then the migration's boundary.
    let prev = '0'.repeat(64);
    for (let n = 1; n <= 4; n += 1) {
      const event = Object.assign(new AuditEvent(), {
        ...entry(n),
        occurredAt: new Date(Math.floor(Date.now())),
        periodId: null,
        beforeState: null,
        afterState: null,
        prevHash: prev,
      });
      event.hash = prev = legacyChainHash(prev, auditPayload(event));
      await db.dataSource.getRepository(AuditEvent).insert(event);
    }
    const [{ id }] = (await db.dataSource.query('SELECT CAST(MAX(id) AS CHAR) AS id FROM audit_events')) as [
      { id: string },
    ];
    await db.dataSource.query(
      'UPDATE audit_chain_head SET last_hash = ?, last_event_id = ?, legacy_through_event_id = ? WHERE id = 1',
      [prev, id, id],
    );
    await appendAudit(db.dataSource.manager, entry(5));
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ ok: true, eventsChecked: 5 });
    // Without the boundary the old events would not verify as keyed ones.
    await db.dataSource.query('UPDATE audit_chain_head SET legacy_through_event_id = NULL WHERE id = 1');
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({
      ok: false,
      firstBrokenEventId: '1',
    });
  });
});

/** docs/operations.md: in production Recon runs as a user that may append to the audit log only. */
describe('the least-privilege database user', () => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof prepareDatabase>> | undefined;
  const user = `recon_app_${process.pid}`;
  const hosts = ['localhost', '127.0.0.1'];

  beforeAll(async () => {
    db = await createTestDatabase('sec_audit_grants');
    const q = (sql: string) => db.dataSource.query(sql);
    const name = db.config.database;
    for (const host of hosts) {
      await q(`DROP USER IF EXISTS '${user}'@'${host}'`);
      await q(`CREATE USER '${user}'@'${host}' IDENTIFIED BY 'app-password-1'`);
      // The grants of docs/operations.md, generated the same way.
      const tables = (await db.dataSource.query(
        `SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
            AND TABLE_NAME NOT IN ('audit_events', 'audit_chain_head', 'schema_migrations')`,
        [name],
      )) as Array<{ t: string }>;
      for (const { t } of tables)
        await q(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${name}\`.\`${t}\` TO '${user}'@'${host}'`);
      await q(`GRANT SELECT, INSERT ON \`${name}\`.audit_events TO '${user}'@'${host}'`);
      await q(`GRANT SELECT, UPDATE ON \`${name}\`.audit_chain_head TO '${user}'@'${host}'`);
      await q(`GRANT SELECT ON \`${name}\`.schema_migrations TO '${user}'@'${host}'`);
    }
  });
  afterAll(async () => {
    await app?.destroy();
    for (const host of hosts) await db?.dataSource.query(`DROP USER IF EXISTS '${user}'@'${host}'`);
    await db?.drop();
  });

  it('starts, appends audit events and checkpoints, and cannot edit, delete or untrigger the log', async () => {
    app = await prepareDatabase({ ...db.config, user, password: 'app-password-1' }, { poolSize: 2 });
    await appendAudit(app.manager, {
      actorType: ActorType.SYSTEM,
      actorId: 'system',
      action: 'grants.checked',
      entityType: 'period',
      entityId: '1',
    });
    await expect(verifyAuditChain(app)).resolves.toEqual({ ok: true, eventsChecked: 1 });
    const anchor = path.join(mkdtempSync(path.join(os.tmpdir(), 'recon-grants-')), 'checkpoints.jsonl');
    await expect(
      new AuditCheckpointer(app, { file: anchor, key: auditChainKey(), every: 5 }).checkpointIfDue(),
    ).resolves.toMatchObject({ seq: expect.stringMatching(/^\d+$/) as unknown });
    for (const sql of [
      "UPDATE audit_events SET action = 'x'",
      'DELETE FROM audit_events',
      'DROP TRIGGER audit_events_no_update',
      'TRUNCATE audit_events',
    ])
      await expect(app.query(sql)).rejects.toThrow(/denied/i);
  });
});
