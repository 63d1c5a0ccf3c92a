import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendAudit } from '../../audit/audit-log';
import { auditAnchor, auditChainKey, useAuditAnchor } from '../../audit/chain-key';
import { AuditCheckpointer } from '../../audit/checkpoints';
import * as verifyChain from '../../audit/verify-chain';
import { ActorType } from '../../contract/enums';
import { startApiHarness, type ApiHarness } from '../api/api-harness';

/**
 * #17.14 over GraphQL: `verifyAuditChain` runs the same check as `recon audit verify`, so a tail cut
 * off with the head moved back (which the database alone cannot show) is caught by the signed
 * checkpoint file outside the database.
 */
const VERIFY =
  '{ verifyAuditChain { ok eventsChecked firstBrokenEventId reason checkpointsChecked warning } }';

describe('GraphQL verifyAuditChain checks the signed checkpoints', () => {
  let h: ApiHarness;
  let dir: string;
  const before = auditAnchor();

  beforeAll(async () => {
    h = await startApiHarness('sec_audit_gql');
    dir = mkdtempSync(path.join(os.tmpdir(), 'recon-audit-gql-'));
    useAuditAnchor({ chainKey: auditChainKey(), checkpointFile: path.join(dir, 'checkpoints.jsonl') });
  });
  afterAll(async () => {
    useAuditAnchor(before);
    rmSync(dir, { recursive: true, force: true });
    await h?.stop();
  });

  const append = (n: number) =>
    appendAudit(h.db.dataSource.manager, {
      actorType: ActorType.USER,
      actorId: 'user:7',
      action: 'adjustment.approved',
      entityType: 'adjustment',
      entityId: String(n),
      after: { status: 'APPROVED' },
    });
  const verify = async () =>
    (await h.call<{ verifyAuditChain: Record<string, unknown> }>(VERIFY, {}, h.bearer.AUDITOR)).data!
      .verifyAuditChain;

  it('warns with no checkpoint, then detects a truncated chain with its head moved back', async () => {
    for (let n = 0; n < 6; n += 1) await append(n);
    expect(await verify()).toMatchObject({
      ok: true,
      eventsChecked: 6,
      checkpointsChecked: 0,
      warning: expect.stringMatching(/no checkpoint/) as unknown,
    });
    const { chainKey, checkpointFile } = auditAnchor();
    const checkpointer = new AuditCheckpointer(h.db.dataSource, {
      file: checkpointFile,
      key: chainKey,
      every: 3,
    });
    const anchored = await checkpointer.checkpointIfDue();
    expect(anchored).toBeDefined();
    for (let n = 6; n < 8; n += 1) await append(n);
    expect(await verify()).toEqual({
      ok: true,
      eventsChecked: 8,
      firstBrokenEventId: null,
      reason: null,
      checkpointsChecked: 1,
      warning: null,
    });

    // Someone with write access cuts the chain back to its 4th event and moves the head onto it.
    const rows = (await h.db.dataSource.query(
      'SELECT CAST(id AS CHAR) AS id, hash FROM audit_events ORDER BY id',
    )) as Array<{ id: string; hash: string }>;
    const keep = rows[3];
    await h.db.dataSource.query('DROP TRIGGER IF EXISTS audit_events_no_delete');
    await h.db.dataSource.query('DELETE FROM audit_events WHERE id > ?', [keep.id]);
    await h.db.dataSource.query('UPDATE audit_chain_head SET last_hash = ?, last_event_id = ? WHERE id = 1', [
      keep.hash,
      keep.id,
    ]);
    const verdict = await verify();
    expect(verdict).toMatchObject({ ok: false, firstBrokenEventId: anchored!.seq, eventsChecked: 4 });
    expect(verdict.reason).toMatch(/behind checkpoint/);
  });

  it('twenty aliases (or overlapping requests) share one walk of the chain', async () => {
    const walks = jest.spyOn(verifyChain, 'verifyAnchoredAuditChain');
    try {
      const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: verifyAuditChain { ok eventsChecked }`);
      const [one, two] = await Promise.all([
        h.call<Record<string, { ok: boolean }>>(`{ ${aliases.join(' ')} }`, {}, h.bearer.AUDITOR),
        h.call<Record<string, { ok: boolean }>>('{ verifyAuditChain { ok } }', {}, h.bearer.ADMIN),
      ]);
      expect(one.errors).toBeUndefined();
      expect(Object.keys(one.data!)).toHaveLength(20);
      expect(two.errors).toBeUndefined();
      // Before: 21 full walks. One request's aliases share one; the other request may join it or not.
      expect(walks.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      walks.mockRestore();
    }
  });
});
