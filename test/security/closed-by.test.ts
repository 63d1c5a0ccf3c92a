import { createClosePeriod } from '../../activities/close-period';
import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { customerActor, userActor } from '../support/actors';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * #17 Low: `closedBy` held the closer's display name (which changes, and which two people may
 * share); it is the actor's stable id, the same one the audit log names.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('sec_closed_by');
});
afterAll(() => db?.drop());

test('a closed period names its closer by stable id, in the row and the audit event', async () => {
  const customer = await db.dataSource
    .getRepository(Customer)
    .save({ code: 'CB', name: '客户', currency: 'CNY' });
  const open = (key: string) =>
    db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: `${key}-01`,
      periodEnd: `${key}-28`,
      workflowId: `recon-CB-${key}`,
      currency: 'CNY',
    });
  const close = createClosePeriod({ dataSource: db.dataSource } as Parameters<typeof createClosePeriod>[0]);
  const byManager = await open('2026-09');
  const manager = userActor('7', UserRole.MANAGER, '王经理 Wang');
  await close({ periodId: byManager.id, actor: manager, reason: 'customer unreachable' });
  const byCustomer = await open('2026-10');
  await close({ periodId: byCustomer.id, actor: customerActor('CB') });

  const rows = (await db.dataSource.query(
    'SELECT CAST(id AS CHAR) AS id, closed_by FROM reconciliation_periods ORDER BY id',
  )) as Array<{ id: string; closed_by: string }>;
  expect(rows.map((row) => row.closed_by)).toEqual([manager.id, customerActor('CB').id]);
  expect(manager.id).toMatch(/^user:7$/);
  const events = (await db.dataSource.query(
    "SELECT actor_id, JSON_UNQUOTE(JSON_EXTRACT(after_state, '$.closedBy')) AS closed_by FROM audit_events WHERE action LIKE 'period.closed%' ORDER BY id",
  )) as Array<{ actor_id: string; closed_by: string }>;
  expect(events).toEqual(rows.map((row) => ({ actor_id: row.closed_by, closed_by: row.closed_by })));
});
