import { readdirSync } from 'node:fs';
import { Customer } from '../../entities/customer.entity';
import { CustomerConfirmation } from '../../entities/customer-confirmation.entity';
import { PeriodStatus, TaskQueue, TaskType } from '../../contract/enums';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Task } from '../../entities/task.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { ConfirmationState, confirmStatement, customerAnswered, getPeriodState } from '../../contract/period';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { recordHistory } from '../support/record-history';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';
import { customerActor } from '../support/actors';

const CUSTOMER = customerActor('X');

describe('customer confirmation timers and the closed-period lock', () => {
  let h: PeriodHarness;

  beforeAll(async () => {
    h = await startPeriodHarness('confirm');
  });

  afterAll(() => h?.stop());

  it('reminds the customer and escalates to a manager on the customer’s own timings', async () => {
    await seedCustomer(h.db.dataSource, 'SLOW', CLEAN_LINES, CLEAN_LINES);
    await h.db.dataSource.getRepository(Customer).update(
      { code: 'SLOW' },
      {
        workflowSettings: {
          reminderAfterSeconds: 1,
          escalateAfterSeconds: 2,
          managerApprovalThreshold: '10000',
          dualApprovalThreshold: '100000',
        },
      },
    );
    const { workflowId, period } = await h.periods.openPeriod('SLOW', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    const handle = h.periods.handle(workflowId);
    for (let i = 0; i < 100 && (await handle.query(getPeriodState)).remindersSent < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const state = await handle.query(getPeriodState);
    expect(state.remindersSent).toBeGreaterThanOrEqual(3);
    expect(state).toMatchObject({ escalated: true, confirmation: ConfirmationState.TIMED_OUT });
    const escalations = await h.db.dataSource
      .getRepository(Task)
      .findBy({ periodId: period.id, type: TaskType.ESCALATION });
    expect(escalations).toHaveLength(1); // once, however long the customer waits
    expect(escalations[0].queue).toBe(TaskQueue.MANAGER);
    const reminders = readdirSync(h.outbox).filter(
      (f) => f.startsWith(`reminder-${period.id}-round-1-`) && f.endsWith('.json'),
    );
    expect(reminders.length).toBeGreaterThanOrEqual(3);
    const row = await h.db.dataSource
      .getRepository(CustomerConfirmation)
      .findOneByOrFail({ periodId: period.id, round: 1 });
    expect(row.escalatedAt).toBeInstanceOf(Date);

    // The late answer still counts, here arriving as a signal (e.g. from an email reply).
    await handle.signal(customerAnswered, { actor: CUSTOMER, comment: 'sorry for the delay' });
    await expect(handle.result()).resolves.toMatchObject({ status: PeriodStatus.CLOSED });
    await recordHistory(handle, 'period-reminders-escalation-signal');
  });

  it('never rewrites a closed period: late entries go to the next one', async () => {
    await seedCustomer(h.db.dataSource, 'LOCK', CLEAN_LINES, CLEAN_LINES);
    const { workflowId } = await h.periods.openPeriod('LOCK', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.AWAITING_CUSTOMER);
    const handle = h.periods.handle(workflowId);
    await handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER }] });
    await handle.result();
    const october = await h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
    expect(october.status).toBe(PeriodStatus.CLOSED);

    // The closed workflow takes no more decisions; re-opening it changes nothing.
    await expect(handle.executeUpdate(confirmStatement, { args: [{ actor: CUSTOMER }] })).rejects.toThrow();
    const reopened = await h.periods.openPeriod('LOCK', '2026-10-01', '2026-10-31');
    expect(reopened.created).toBe(false);
    expect((await handle.describe()).status.name).toBe('COMPLETED');

    // An invoice dated in October arrives after October closed.
    await upsertLedgerEntries(h.db.dataSource, [
      {
        customerCode: 'LOCK',
        source: 'erp',
        externalId: 'late-1',
        entryDate: '2026-10-15',
        docNo: 'INV-LATE',
        kind: 'INVOICE',
        amount: '99.99',
        currency: 'CNY',
      },
    ]);
    const november = await h.periods.openPeriod('LOCK', '2026-11-01', '2026-11-30');
    expect(november.workflowId).toBe('recon-LOCK-2026-11');
    await h.waitForStatus(november.workflowId, PeriodStatus.IN_REVIEW);
    const [octoberAfter, novemberRow] = await Promise.all([
      h.db.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId }),
      h.db.dataSource
        .getRepository(ReconciliationPeriod)
        .findOneByOrFail({ workflowId: november.workflowId }),
    ]);
    expect(octoberAfter.ourClosingBalance?.toFixed(2)).toBe('300.25'); // untouched
    expect(octoberAfter.matchRun).toBe(october.matchRun);
    expect(novemberRow.ourOpeningBalance?.toFixed(2)).toBe('300.25'); // carried from October's close
    expect(novemberRow.ourClosingBalance?.toFixed(2)).toBe('400.24'); // the late invoice lands here
  });
});
