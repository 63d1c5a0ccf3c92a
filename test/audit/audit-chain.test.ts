import { appendAudit } from '../../audit/audit-log';
import { verifyAuditChain } from '../../audit/verify-chain';
import { ActorType } from '../../contract/enums';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the hash-chained audit log', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('audit');
  });

  afterAll(() => db.drop());

  const append = (action: string, after: Record<string, unknown>) =>
    appendAudit(db.dataSource.manager, {
      actorType: ActorType.USER,
      actorId: 'user:7',
      action,
      entityType: 'adjustment',
      entityId: '42',
      before: { status: 'PROPOSED' },
      after,
    });

  it('chains concurrent appends one after another, and verifies', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => append('adjustment.approved', { status: 'APPROVED', n: i })),
    );
    const events = (await db.dataSource.query(
      'SELECT prev_hash, hash FROM audit_events ORDER BY id',
    )) as Array<{
      prev_hash: string;
      hash: string;
    }>;
    expect(events).toHaveLength(20);
    events.slice(1).forEach((event, i) => expect(event.prev_hash).toBe(events[i].hash));
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ ok: true, eventsChecked: 20 });
  });

  it('finds the first edited row, even when someone gets past the triggers', async () => {
    const [{ id }] = (await db.dataSource.query(
      'SELECT CAST(id AS CHAR) AS id FROM audit_events ORDER BY audit_events.id LIMIT 1 OFFSET 7',
    )) as Array<{
      id: string;
    }>;
    await db.dataSource.query('DROP TRIGGER audit_events_no_update');
    await db.dataSource.query(
      `UPDATE audit_events SET after_state = JSON_OBJECT('status', 'REJECTED') WHERE id = ?`,
      [id],
    );
    const verdict = await verifyAuditChain(db.dataSource);
    expect(verdict).toMatchObject({ ok: false, firstBrokenEventId: id, eventsChecked: 7 });
    expect(verdict.reason).toMatch(/edited/);
  });
});
