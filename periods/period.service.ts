import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import { publishPeriodStatus } from '../webhooks/domain-events';
import type { DataSource } from 'typeorm';
import { appendAudits, type AuditEntry } from '../audit/audit-log';
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

export interface OpenPeriodRequest {
  customerCode: string;
  periodStart: string;
  periodEnd: string;
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
    const [result] = await this.openPeriods([{ customerCode, periodStart, periodEnd }], actor);
    return result;
  }

  /**
   * Opens several periods as openPeriod does each, their rows in one transaction with one audit
   * append. Every audited write takes the audit chain's head lock until it commits, so the
   * monthly fan-out opening its periods one transaction each queued every other step of the month
   * behind those commits (soak benchmark, docs/benchmarks.md); a group is one commit.
   * Results in the order asked; a missing customer or a bad range refuses the whole group.
   */
  async openPeriods(requests: readonly OpenPeriodRequest[], actor: Actor): Promise<OpenPeriodResult[]> {
    for (const { periodStart, periodEnd } of requests) {
      if (!isIsoDate(periodStart) || !isIsoDate(periodEnd) || periodStart > periodEnd) {
        throw new PeriodError(
          PeriodErrorCode.INVALID_RANGE,
          `invalid period range ${periodStart} – ${periodEnd}`,
        );
      }
    }
    if (requests.length === 0) return [];
    const codes = [...new Set(requests.map((r) => r.customerCode))];
    const found = (await this.dataSource.query(
      `SELECT CAST(id AS CHAR) AS id, code, currency FROM customers WHERE code IN (${codes.map(() => '?').join(', ')})`,
      codes,
    )) as Array<Pick<Customer, 'id' | 'code' | 'currency'>>;
    const byCode = new Map(found.map((customer) => [customer.code, customer]));
    const asked = requests.map((request) => {
      const customer = byCode.get(request.customerCode);
      if (!customer)
        throw new PeriodError(
          PeriodErrorCode.CUSTOMER_NOT_FOUND,
          `no customer with code ${request.customerCode}`,
        );
      return {
        ...request,
        customer,
        workflowId: periodWorkflowId(customer.code, request.periodStart, request.periodEnd),
      };
    });

    const created = await this.dataSource.transaction(async (manager) => {
      const inserted: boolean[] = [];
      const opened: AuditEntry[] = [];
      // One row a statement: affectedRows and insertId say exactly which were new.
      for (const { customer, periodStart, periodEnd, workflowId, customerCode } of asked) {
        const { affectedRows, insertId } = await insertRows(
          manager,
          'reconciliation_periods',
          ['customer_id', 'period_start', 'period_end', 'workflow_id', 'currency'],
          [[customer.id, periodStart, periodEnd, workflowId, customer.currency]],
          { ignore: true },
        );
        inserted.push(affectedRows > 0);
        if (affectedRows === 0) continue;
        await publishPeriodStatus(manager, insertId, null, PeriodStatus.OPEN);
        opened.push({
          ...auditFields(actor),
          action: 'period.opened',
          entityType: 'period',
          entityId: workflowId,
          periodId: String(insertId),
          after: { customerCode, periodStart, periodEnd, workflowId },
        });
      }
      await appendAudits(manager, opened);
      return inserted;
    });
    const periods = hydratorFor(this.dataSource, ReconciliationPeriod, 'p');
    const rangeKey = (customerId: string, start: string, end: string) => `${customerId} ${start} ${end}`;
    const rows = (await this.dataSource.query(
      `SELECT ${periods.select} FROM reconciliation_periods p
        WHERE ${asked.map(() => '(p.customer_id = ? AND p.period_start = ? AND p.period_end = ?)').join(' OR ')}`,
      asked.flatMap((a) => [a.customer.id, a.periodStart, a.periodEnd]),
    )) as Array<Record<string, unknown>>;
    const byRange = new Map(
      rows
        .map((row) => periods.hydrate(row))
        .map((period) => [rangeKey(period.customerId, period.periodStart, period.periodEnd), period]),
    );
    return Promise.all(
      asked.map(async ({ customer, periodStart, periodEnd }, i) => {
        const period = byRange.get(rangeKey(customer.id, periodStart, periodEnd))!;
        // A closed period stays closed: its range is locked, even if Temporal's history was wiped.
        if (period.status !== PeriodStatus.CLOSED) await this.startWorkflow(period, customer.code);
        return { period, workflowId: period.workflowId, created: created[i] };
      }),
    );
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
