import { AuditEvent } from '../../entities/audit-event.entity';
import { Customer } from '../../entities/customer.entity';
import { CustomerStatus, PeriodCadence } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { cadenceRange } from '../../activities/open-periods-batch';
import { ensureMonthlySchedule, MONTHLY_SCHEDULE_ID } from '../../temporal/schedules';
import { openPeriodsWorkflow } from '../../workflows/open-periods.workflow';
import { previousMonth } from '../../contract/period';
import { recordHistory } from '../support/record-history';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

describe('the monthly schedule and its fan-out', () => {
  let h: PeriodHarness;

  beforeAll(async () => {
    h = await startPeriodHarness('fanout');
    const customers = h.db.dataSource.getRepository(Customer);
    for (let i = 1; i <= 23; i += 1) {
      await customers.save({
        code: `F${String(i).padStart(3, '0')}`,
        name: `扇出客户 ${i}`,
        currency: 'CNY',
      });
    }
    await customers.save({
      code: 'QTR',
      name: 'Quarterly Co',
      currency: 'CNY',
      cadence: PeriodCadence.QUARTERLY,
    });
    await customers.save({
      code: 'GONE',
      name: 'Inactive Co',
      currency: 'CNY',
      status: CustomerStatus.INACTIVE,
    });
  });

  afterAll(() => h?.stop());

  it('knows which range each cadence closes in a month', () => {
    expect(previousMonth(new Date('2026-11-01T02:00:00Z'))).toBe('2026-10');
    expect(previousMonth(new Date('2027-01-01T02:00:00Z'))).toBe('2026-12');
    expect(cadenceRange(PeriodCadence.MONTHLY, '2026-02')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(cadenceRange(PeriodCadence.QUARTERLY, '2026-09')).toEqual({
      start: '2026-07-01',
      end: '2026-09-30',
    });
    expect(cadenceRange(PeriodCadence.QUARTERLY, '2026-10')).toBeNull();
    expect(cadenceRange(PeriodCadence.CUSTOM, '2026-10')).toBeNull();
  });

  it('opens every active monthly customer once, in bounded batches, and opens nothing twice when run again', async () => {
    const run = (id: string) =>
      h.env.client.workflow.execute(openPeriodsWorkflow, {
        workflowId: id,
        taskQueue: h.taskQueue,
        args: [{ month: '2026-10', batchSize: 5 }],
      });
    await expect(run('fanout-2026-10-a')).resolves.toEqual({
      month: '2026-10',
      customersSeen: 24, // 23 monthly + 1 quarterly (October ends no quarter); the inactive one is never read
      opened: 23,
    });
    await recordHistory(h.env.client.workflow.getHandle('fanout-2026-10-a'), 'open-periods-fan-out');
    await expect(run('fanout-2026-10-b')).resolves.toEqual({
      month: '2026-10',
      customersSeen: 24, // 23 monthly + 1 quarterly (October ends no quarter); the inactive one is never read
      opened: 0,
    });
    const periods = await h.db.dataSource.getRepository(ReconciliationPeriod).find({ order: { id: 'ASC' } });
    expect(periods).toHaveLength(23);
    // Opened by the schedule: Recon itself, not a person.
    const opened = await h.db.dataSource.getRepository(AuditEvent).findBy({ action: 'period.opened' });
    expect(opened).toHaveLength(23);
    expect(new Set(opened.map((e) => `${e.actorType} ${e.actorId}`))).toEqual(new Set(['SYSTEM schedule']));
    expect(new Set(periods.map((p) => p.workflowId)).size).toBe(23);
    expect(periods.every((p) => p.periodStart === '2026-10-01' && p.periodEnd === '2026-10-31')).toBe(true);
    const started = [];
    for await (const wf of h.env.client.workflow.list({ query: `ReconPeriod='2026-10'` }))
      started.push(wf.workflowId);
    expect(new Set(started).size).toBe(23);
  });

  it('is a Temporal Schedule that fires the fan-out for the month just ended', async () => {
    await ensureMonthlySchedule(h.env.client, h.taskQueue);
    await ensureMonthlySchedule(h.env.client, h.taskQueue); // idempotent
    const schedule = h.env.client.schedule.getHandle(MONTHLY_SCHEDULE_ID);
    const description = await schedule.describe();
    expect(description.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });
    await schedule.trigger();
    const month = previousMonth(new Date());
    for (let i = 0; i < 100; i += 1) {
      const count = await h.db.dataSource
        .getRepository(ReconciliationPeriod)
        .countBy({ periodStart: `${month}-01` });
      if (count === 23) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(
      await h.db.dataSource.getRepository(ReconciliationPeriod).countBy({ periodStart: `${month}-01` }),
    ).toBe(23);
    await schedule.delete();
  });
});
