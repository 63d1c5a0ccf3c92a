// Disputes on a dunning case: opened and resolved through the workflow, which pauses meanwhile.
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';
import type { DisputeOutcome } from '../contract/collections/dunning';
import { DisputeStatus } from '../contract/credit/enums';
import { DunningDispute } from '../entities/dunning-dispute.entity';
import { Money } from '../money/decimal';
import { notFound } from '../credit/credit-error';
import { DUNNING_ENTITY } from './dunning-cases';

/** Opens the dispute; the workflow allows one open per case, so an open one found is this request's (a retry). */
export async function recordDispute(
  dataSource: DataSource,
  input: { caseId: string; customerId: string; actor: Actor; reason: string; amount: string | null },
): Promise<{ disputeId: string }> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT id FROM dunning_cases WHERE id = ? FOR UPDATE', [input.caseId]);
    const disputes = manager.getRepository(DunningDispute);
    const open = await disputes.findOneBy({ caseId: input.caseId, status: DisputeStatus.OPEN });
    if (open) return { disputeId: open.id };
    const saved = await disputes.save(
      disputes.create({
        caseId: input.caseId,
        customerId: input.customerId,
        reason: input.reason.slice(0, 1000),
        amount: input.amount === null ? null : new Money(input.amount),
        openedBy: input.actor.id,
      }),
    );
    await appendAudit(manager, {
      ...auditFields(input.actor),
      action: 'dunning.dispute_opened',
      entityType: DUNNING_ENTITY,
      entityId: input.caseId,
      after: { disputeId: saved.id, reason: saved.reason, amount: input.amount },
    });
    return { disputeId: saved.id };
  });
}

/** Resolves an open dispute; resolving it again (a retry) changes nothing. */
export async function resolveDispute(
  dataSource: DataSource,
  input: { disputeId: string; actor: Actor; outcome: DisputeOutcome; note: string; at: Date },
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const dispute = await manager.getRepository(DunningDispute).findOneBy({ id: input.disputeId });
    if (!dispute) throw notFound(`dunning dispute ${input.disputeId}`);
    const updated = (await manager.query(
      `UPDATE dunning_disputes SET status = ?, outcome = ?, resolution_note = ?, resolved_by = ?, resolved_at = ?
        WHERE id = ? AND status = ?`,
      [
        DisputeStatus.RESOLVED,
        input.outcome,
        input.note.slice(0, 1000),
        input.actor.id,
        input.at,
        input.disputeId,
        DisputeStatus.OPEN,
      ],
    )) as { affectedRows: number };
    if (Number(updated.affectedRows) === 0) return;
    await appendAudit(manager, {
      ...auditFields(input.actor),
      action: 'dunning.dispute_resolved',
      entityType: DUNNING_ENTITY,
      entityId: dispute.caseId,
      after: { disputeId: dispute.id, outcome: input.outcome, note: input.note },
    });
  });
}
