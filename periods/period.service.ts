import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { publishPeriodStatus } from '../webhooks/domain-events';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { hydratorFor } from '../db/hydrate';
import { insertRows } from '../db/insert-rows';
import type { Customer } from '../entities/customer.entity';
import { auditFields, SYSTEM_ACTORS, type Actor } from '../contract/actor';
import { PeriodStatus } from '../contract/enums';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import {
  PERIOD_WORKFLOW,
  periodKey,
  periodWorkflowId,
  RECON_CUSTOMER,
  RECON_PERIOD,
  RECON_STATUS,
  type PeriodWorkflow,
} from '../contract/period';
import { PeriodError, PeriodErrorCode } from './period-error';
import { isIsoDate } from '../formats/date';

export interface OpenPeriodResult {
  period: ReconciliationPeriod;
  workflowId: string;
  /** False when the period and its workflow already existed: opening twice is one period. */
  created: boolean;
}

export interface PeriodServiceOptions {
  /**
   * Ask the server to hand a new period's first workflow task straight back to this process's
   * worker (eager workflow start), saving its dispatch through the task queue. Only when the client
   * shares the worker's NativeConnection: the worker process itself (the schedule's fan-out, the
   * all-in-one process), not a separate API process.
   */
  eagerStart?: boolean;
}

export class PeriodService {
  constructor(
    private readonly dataSource: DataSource,
    /** Public for the other workflows the API reaches on the same client (collections' dunning cases). */
    readonly client: Client,
    readonly taskQueue: string,
    private readonly options: PeriodServiceOptions = {},
  ) {}

  /**
   * Opens one customer's period: one row (unique customer + range) and one workflow with a
   * deterministic id. Idempotent at both levels: the row insert ignores duplicates and the start
   * uses the existing workflow if it runs.
   */
  async openPeriod(
    customerCode: string,
    periodStart: string,
    periodEnd: string,
    actor: Actor = SYSTEM_ACTORS.operator,
  ): Promise<OpenPeriodResult> {
    if (!isIsoDate(periodStart) || !isIsoDate(periodEnd) || periodStart > periodEnd) {
      throw new PeriodError(
        PeriodErrorCode.INVALID_RANGE,
        `invalid period range ${periodStart} – ${periodEnd}`,
      );
    }
    const [customer] = (await this.dataSource.query(
      'SELECT CAST(id AS CHAR) AS id, code, currency FROM customers WHERE code = ?',
      [customerCode],
    )) as Array<Pick<Customer, 'id' | 'code' | 'currency'>>;
    if (!customer)
      throw new PeriodError(PeriodErrorCode.CUSTOMER_NOT_FOUND, `no customer with code ${customerCode}`);
    const workflowId = periodWorkflowId(customer.code, periodStart, periodEnd);

    const created = await this.dataSource.transaction(async (manager) => {
      const { affectedRows, insertId } = await insertRows(
        manager,
        'reconciliation_periods',
        ['customer_id', 'period_start', 'period_end', 'workflow_id', 'currency'],
        [[customer.id, periodStart, periodEnd, workflowId, customer.currency]],
        { ignore: true },
      );
      const inserted = affectedRows > 0;
      if (inserted) {
        await publishPeriodStatus(manager, insertId, null, PeriodStatus.OPEN);
        await appendAudit(manager, {
          ...auditFields(actor),
          action: 'period.opened',
          entityType: 'period',
          entityId: workflowId,
          periodId: String(insertId),
          after: { customerCode, periodStart, periodEnd, workflowId },
        });
      }
      return inserted;
    });
    const periods = hydratorFor(this.dataSource, ReconciliationPeriod, 'p');
    const [row] = (await this.dataSource.query(
      `SELECT ${periods.select} FROM reconciliation_periods p WHERE p.customer_id = ? AND p.period_start = ? AND p.period_end = ?`,
      [customer.id, periodStart, periodEnd],
    )) as Array<Record<string, unknown>>;
    const period = periods.hydrate(row);
    // A closed period stays closed: its range is locked, even if Temporal's history was wiped.
    if (period.status !== PeriodStatus.CLOSED) await this.startWorkflow(period, customer.code);
    return { period, workflowId: period.workflowId, created };
  }

  private async startWorkflow(period: ReconciliationPeriod, customerCode: string): Promise<void> {
    await this.client.workflow
      .start<PeriodWorkflow>(PERIOD_WORKFLOW, {
        workflowId: period.workflowId,
        taskQueue: this.taskQueue,
        args: [
          { periodId: period.id, customerCode, periodStart: period.periodStart, periodEnd: period.periodEnd },
        ],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        requestEagerStart: this.options.eagerStart ?? false,
        typedSearchAttributes: [
          { key: RECON_STATUS, value: period.status },
          { key: RECON_CUSTOMER, value: customerCode },
          { key: RECON_PERIOD, value: periodKey(period.periodStart, period.periodEnd) },
        ],
      })
      .catch((error: unknown) => {
        // A closed period's workflow has completed: its id is taken for good, which is what we want.
        if (error instanceof Error && error.name === 'WorkflowExecutionAlreadyStartedError') return;
        throw error;
      });
  }

  handle(workflowId: string): WorkflowHandle<PeriodWorkflow> {
    return this.client.workflow.getHandle<PeriodWorkflow>(workflowId);
  }
}
