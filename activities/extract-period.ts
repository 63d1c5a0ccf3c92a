import { ApplicationFailure } from '@temporalio/common';
import { auditFields, SYSTEM_ACTORS, type Actor } from '../contract/actor';
import { PeriodStatus } from '../contract/enums';
import { publishPeriodStatus } from '../webhooks/domain-events';
import { inScopeCondition, periodScope, type PeriodScope } from '../periods/period-scope';
import type { EntityManager } from 'typeorm';
import { appendAudits, type AuditEntry } from '../audit/audit-log';
import { Money } from '../money/decimal';
import type { ActivityDeps } from './activity-deps';
import { loadPeriodWithCustomer } from './load-period';
import { periodSettings, type PeriodSettings } from '../contract/period';
import type { Customer } from '../entities/customer.entity';
import type { ReconciliationPeriod } from '../entities/reconciliation-period.entity';

export interface ExtractRequest {
  periodId: string;
  /** A clerk asked for this round (the rematch Update): audited with the move it causes. */
  rematchRequestedBy?: Actor;
}

export interface ExtractResult {
  ledgerEntries: number;
  statementLines: number;
  statementId: string | null;
  settings: PeriodSettings;
}

/**
 * Fixes the period's two sides: our opening balance (carried from the previous closed period, else
 * everything booked before the range), our closing balance, and the customer's latest statement for
 * the range. Only counts go back to the workflow: rows never enter its history.
 */
export function createExtractPeriod({ dataSource }: ActivityDeps) {
  return async function extractPeriod(request: ExtractRequest): Promise<ExtractResult> {
    return dataSource.transaction(async (manager) => {
      const { extracted, audit } = await extractInTransaction(manager, request);
      await appendAudits(manager, audit);
      return extracted;
    });
  };
}

/**
 * Extraction's reads and writes in the caller's transaction, the period's row locked until it
 * commits; gives back the audit events for the caller to append last (the chain's head stays
 * locked from the append until the commit, so nothing else should run after it).
 */
export async function extractInTransaction(
  manager: EntityManager,
  { periodId, rematchRequestedBy }: ExtractRequest,
): Promise<{ extracted: ExtractResult; audit: AuditEntry[]; extractedPeriod: ExtractedPeriod }> {
  const { period, customer } = await loadPeriodWithCustomer(manager, periodId, true);
  const scope = await periodScope(manager, period);
  const inScope = inScopeCondition(scope);
  // Opening: the previous close, plus whatever is dated between it and this range (or everything
  // before the range when there is no closed period yet).
  const [sums] = (await manager.query(
    `SELECT
       CAST(COALESCE(SUM(CASE WHEN entry_date < ? AND (? IS NULL OR entry_date > ?) THEN amount END), 0) AS CHAR) AS movement_before,
       CAST(COALESCE(SUM(CASE WHEN ${inScope.sql} THEN amount END), 0) AS CHAR) AS movement_in,
       SUM(CASE WHEN ${inScope.sql} THEN 1 ELSE 0 END) AS entries_in
     FROM ledger_entries WHERE customer_id = ?`,
    [
      period.periodStart,
      scope.previous?.end ?? null,
      scope.previous?.end ?? null,
      ...inScope.params,
      ...inScope.params,
      period.customerId,
    ],
  )) as Array<{ movement_before: string; movement_in: string; entries_in: string | null }>;
  const ourOpening = new Money(scope.previous?.ourClosing ?? 0).plus(sums.movement_before);
  const ourClosing = ourOpening.plus(sums.movement_in);

  // The customer's statement for exactly this range: the one no later statement replaced. Imports
  // add to it or replace it explicitly, so there is one; two would mean lines silently left out.
  const statements = (await manager.query(
    `SELECT CAST(id AS CHAR) AS id, CAST(opening_balance AS CHAR) AS opening, CAST(closing_balance AS CHAR) AS closing,
            line_count
       FROM customer_statements
      WHERE customer_id = ? AND period_start = ? AND period_end = ? AND replaced_by_id IS NULL
      ORDER BY id DESC LIMIT 2`,
    [period.customerId, period.periodStart, period.periodEnd],
  )) as Array<{ id: string; opening: string; closing: string; line_count: number }>;
  if (statements.length > 1) {
    throw ApplicationFailure.create({
      type: 'TWO_CURRENT_STATEMENTS',
      message: `statements ${statements.map((s) => s.id).join(' and ')} both hold ${period.periodStart}..${period.periodEnd}: replace one (recon import --replace) so that no line is left out`,
      nonRetryable: true,
    });
  }
  const [statement] = statements;
  const theirOpening = statement ? new Money(statement.opening) : null;
  const theirClosing = statement ? new Money(statement.closing) : null;

  const before = {
    ourOpeningBalance: period.ourOpeningBalance?.toFixed() ?? null,
    statementId: period.statementId,
    status: period.status,
  };
  // One UPDATE (the row is locked above); extraction done means the period is being matched.
  await manager.query(
    `UPDATE reconciliation_periods
        SET our_opening_balance = ?, our_closing_balance = ?, statement_id = ?, their_opening_balance = ?,
            their_closing_balance = ?, status = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP(3)
      WHERE id = ?`,
    [
      ourOpening.toFixed(),
      ourClosing.toFixed(),
      statement?.id ?? null,
      theirOpening?.toFixed() ?? null,
      theirClosing?.toFixed() ?? null,
      PeriodStatus.MATCHING,
      period.id,
    ],
  );
  await publishPeriodStatus(manager, period.id, period.status, PeriodStatus.MATCHING);
  // Who asked, in the transaction that takes the period out of review; the steps are the system's.
  const audit: AuditEntry[] = [];
  if (rematchRequestedBy) {
    audit.push({
      ...auditFields(rematchRequestedBy),
      action: 'period.rematch_requested',
      entityType: 'period',
      entityId: period.id,
      periodId: period.id,
    });
  }
  audit.push({
    ...auditFields(SYSTEM_ACTORS.workflow),
    action: 'period.extracted',
    entityType: 'period',
    entityId: period.id,
    periodId: period.id,
    before,
    after: {
      ourOpeningBalance: ourOpening.toFixed(),
      ourClosingBalance: ourClosing.toFixed(),
      statementId: statement?.id ?? null,
      theirClosingBalance: theirClosing?.toFixed() ?? null,
      status: PeriodStatus.MATCHING,
    },
  });
  const extracted = {
    ledgerEntries: Number(sums.entries_in ?? 0),
    statementLines: statement?.line_count ?? 0,
    statementId: statement?.id ?? null,
    settings: periodSettings(customer.workflowSettings),
  };
  // The row as the UPDATE above left it (it stays locked): matching in the same transaction
  // starts from it instead of reading the period and its scope again.
  Object.assign(period, {
    ourOpeningBalance: ourOpening,
    ourClosingBalance: ourClosing,
    statementId: statement?.id ?? null,
    theirOpeningBalance: theirOpening,
    theirClosingBalance: theirClosing,
    status: PeriodStatus.MATCHING,
    version: period.version + 1,
  });
  return { extracted, audit, extractedPeriod: { period, customer, scope } };
}

/** A period just extracted, in the transaction that extracted it, with its customer and scope. */
export interface ExtractedPeriod {
  period: ReconciliationPeriod;
  customer: Customer;
  scope: PeriodScope;
}
