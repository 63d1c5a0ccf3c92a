// Dunning cases over MySQL: one row per customer + cycle, what its workflow last recorded.
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { dunningWorkflowId } from '../contract/collections/dunning';
import {
  DunningCaseStatus,
  DunningLetterStatus,
  PromiseStatus,
  type DunningCloseReason,
} from '../contract/credit/enums';
import { insertRows } from '../db/insert-rows';
import { Customer } from '../entities/customer.entity';
import { DunningCase } from '../entities/dunning-case.entity';
import { notFound } from '../credit/credit-error';
import { createEscalationTask } from './collection-tasks';

export const DUNNING_ENTITY = 'dunning_case';

/**
 * Opens the case of customer + cycle, or finds it (a retried activity, a workflow started again for
 * the same cycle); a closed one is active again. Returns the levels whose letter went out in this
 * cycle, so the workflow never sends them again.
 */
export async function openCase(
  dataSource: DataSource,
  input: { customerId: string; cycle: string },
): Promise<{ caseId: string; levelsSent: number[] }> {
  return dataSource.transaction(async (manager) => {
    const customer = await manager.getRepository(Customer).findOneBy({ id: input.customerId });
    if (!customer) throw notFound(`customer ${input.customerId}`);
    const inserted = await insertRows(
      manager,
      'dunning_cases',
      ['customer_id', 'cycle', 'workflow_id'],
      [[input.customerId, input.cycle, dunningWorkflowId(customer.code)]],
      { ignore: true },
    );
    const found = await manager
      .getRepository(DunningCase)
      .findOneByOrFail({ customerId: input.customerId, cycle: input.cycle });
    if (inserted.affectedRows > 0)
      await appendAudit(manager, {
        ...auditFields(SYSTEM_ACTORS.dunning),
        action: 'dunning.case_opened',
        entityType: DUNNING_ENTITY,
        entityId: found.id,
        after: { customer: customer.code, cycle: input.cycle },
      });
    else if (found.status === DunningCaseStatus.CLOSED)
      await manager
        .getRepository(DunningCase)
        .update({ id: found.id }, { status: DunningCaseStatus.ACTIVE, closeReason: null, closedAt: null });
    const sent = (await manager.query(
      'SELECT level FROM dunning_letters WHERE customer_id = ? AND cycle = ? AND status = ? ORDER BY level',
      [input.customerId, input.cycle, DunningLetterStatus.SENT],
    )) as Array<{ level: number }>;
    return { caseId: found.id, levelsSent: sent.map((row) => Number(row.level)) };
  });
}

/** Records the workflow's status; closing cancels a promise still open (the case ended first). */
export async function setCaseStatus(
  dataSource: DataSource,
  input: { caseId: string; status: DunningCaseStatus; closeReason?: DunningCloseReason; at: Date },
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const cases = manager.getRepository(DunningCase);
    const current = await cases.findOne({ where: { id: input.caseId }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw notFound(`dunning case ${input.caseId}`);
    const closing = input.status === DunningCaseStatus.CLOSED;
    const closeReason = closing ? (input.closeReason ?? null) : null;
    if (current.status === input.status && current.closeReason === closeReason) return;
    await cases.update(
      { id: input.caseId },
      { status: input.status, closeReason, closedAt: closing ? input.at : null },
    );
    if (closing)
      await manager.query('UPDATE dunning_promises SET status = ? WHERE case_id = ? AND status = ?', [
        PromiseStatus.CANCELLED,
        input.caseId,
        PromiseStatus.OPEN,
      ]);
    await appendAudit(manager, {
      ...auditFields(SYSTEM_ACTORS.dunning),
      action: 'dunning.status_changed',
      entityType: DUNNING_ENTITY,
      entityId: input.caseId,
      before: { status: current.status },
      after: { status: input.status, closeReason },
    });
  });
}

/**
 * Hands the case to a manager, once per case and key (a retried activity escalates once): a row of
 * `dunning_escalations` and, in the same transaction, a DUNNING_ESCALATION task in the MANAGER
 * queue (collection-tasks.ts), closed with the case.
 */
export async function escalateCase(
  dataSource: DataSource,
  input: { caseId: string; customerId: string; level: number; key: string; reason: string; at: Date },
): Promise<{ escalationId: string | null; taskId: string | null }> {
  return dataSource.transaction(async (manager) => {
    const inserted = await insertRows(
      manager,
      'dunning_escalations',
      ['case_id', 'customer_id', 'level', 'escalation_key', 'reason'],
      [[input.caseId, input.customerId, input.level, input.key.slice(0, 64), input.reason.slice(0, 300)]],
      { ignore: true },
    );
    const [row] = (await manager.query(
      'SELECT CAST(id AS CHAR) AS id FROM dunning_escalations WHERE case_id = ? AND escalation_key = ?',
      [input.caseId, input.key.slice(0, 64)],
    )) as Array<{ id: string }>;
    if (!row) return { escalationId: null, taskId: null };
    const taskId = await createEscalationTask(manager, {
      escalationId: row.id,
      caseId: input.caseId,
      customerId: input.customerId,
      level: input.level,
      why: input.key.startsWith('broken-') ? 'PROMISE_BROKEN' : 'FINAL_NOTICE',
      at: input.at,
    });
    if (inserted.affectedRows === 0) return { escalationId: row.id, taskId };
    await manager.getRepository(DunningCase).update({ id: input.caseId }, { escalatedAt: input.at });
    await appendAudit(manager, {
      ...auditFields(SYSTEM_ACTORS.dunning),
      action: 'dunning.escalated',
      entityType: DUNNING_ENTITY,
      entityId: input.caseId,
      after: { level: input.level, key: input.key, reason: input.reason },
    });
    return { escalationId: row.id, taskId };
  });
}
