import { ActorType, PeriodStatus, UserRole } from '../../contract/enums';
import { Task } from '../../entities/task.entity';
import { WebhookEvent } from '../../entities/webhook-event.entity';
import { createSubscription } from '../../webhooks/webhook.service';
import { closeByException } from '../../contract/period';
import { seedCustomer, type Line } from '../support/fixtures';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';
import { userActor } from '../support/actors';

const MANAGER = userActor('1', UserRole.MANAGER, 'Manager Wang');
const ADMIN = { type: ActorType.USER, id: 'user:9' };

describe('events for integrators from a running period', () => {
  let h: PeriodHarness;
  beforeAll(async () => {
    h = await startPeriodHarness('events');
  });
  afterAll(() => h?.stop());

  const events = async () =>
    (await h.db.dataSource.getRepository(WebhookEvent).find({ order: { id: 'ASC' } })).map((e) => ({
      type: e.type,
      data: e.payload as Record<string, unknown>,
    }));

  it('publishes nothing while nobody subscribes', async () => {
    const lines: Line[] = [{ id: 'a', date: '2026-10-03', ref: 'INV-Q', kind: 'INVOICE', amount: '10.00' }];
    await seedCustomer(h.db.dataSource, 'EV0', lines, lines);
    const { workflowId } = await h.periods.openPeriod('EV0', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    expect(await events()).toEqual([]);
  });

  it('publishes every status change and every task a subscriber can act on, once each', async () => {
    await createSubscription(
      h.db.dataSource,
      { name: 'erp', url: 'http://127.0.0.1:9/hook', eventTypes: [] },
      ADMIN,
      // Nothing is delivered here (no dispatcher runs): a loopback target only needs allowing (#17.18).
      ['127.0.0.1'],
    );
    const ours: Line[] = [
      { id: 'a', date: '2026-10-05', ref: 'INV-A', kind: 'INVOICE', amount: '100.00' },
      { id: 'b', date: '2026-10-06', ref: 'INV-B', kind: 'INVOICE', amount: '200.00' },
    ];
    await seedCustomer(h.db.dataSource, 'EV1', ours, [ours[0]]);
    const { workflowId, period } = await h.periods.openPeriod('EV1', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const handle = h.periods.handle(workflowId);

    const tasks = await h.db.dataSource.getRepository(Task).findBy({ periodId: period.id });
    expect(tasks.length).toBeGreaterThan(0);
    const published = await events();
    const moves = published
      .filter((e) => e.type === 'period.status_changed')
      .map((e) => [e.data.from, e.data.to]);
    expect(moves).toEqual([
      [null, PeriodStatus.OPEN],
      [PeriodStatus.OPEN, PeriodStatus.MATCHING],
      [PeriodStatus.MATCHING, PeriodStatus.IN_REVIEW],
    ]);
    expect(published[0].data).toMatchObject({
      periodId: period.id,
      workflowId,
      customerCode: 'EV1',
      periodKey: '2026-10',
    });
    expect(published.filter((e) => e.type === 'task.created').map((e) => e.data.taskId)).toEqual(
      tasks.map((t) => t.id),
    );
    expect(published.find((e) => e.type === 'task.created')?.data).toMatchObject({
      periodId: period.id,
      workflowId,
      queue: tasks[0].queue,
      type: tasks[0].type,
      dueAt: tasks[0].dueAt.toISOString(),
    });

    await handle.executeUpdate(closeByException, {
      args: [{ actor: MANAGER, reason: '客户已注销 customer closed' }],
    });
    await handle.result();
    const last = (await events()).at(-1)!;
    expect([last.type, last.data.from, last.data.to]).toEqual([
      'period.status_changed',
      PeriodStatus.IN_REVIEW,
      PeriodStatus.CLOSED,
    ]);
    // Each event went out to the subscriber exactly once.
    const [{ n }] = (await h.db.dataSource.query('SELECT COUNT(*) AS n FROM webhook_deliveries')) as Array<{
      n: string;
    }>;
    expect(Number(n)).toBe((await events()).length);
  });
});
