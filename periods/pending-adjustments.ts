import type { EntityManager } from 'typeorm';
import { AdjustmentStatus, ApprovalDecision } from '../contract/enums';

/** An adjustment waiting for approval, with what a checker needs to decide on it. */
export interface PendingAdjustment {
  id: string;
  periodId: string;
  differenceId: string | null;
  amount: string;
  currency: string;
  entryDate: string;
  reason: string;
  proposedBy: string;
  proposedByName: string | null;
  proposedAt: Date;
  requiredApprovals: number;
  requiresManager: boolean;
  approvals: Array<{ approverId: string; approverName: string | null; comment: string | null; at: Date }>;
}

type Row = {
  id: string;
  period_id: string;
  difference_id: string | null;
  amount: string;
  currency: string;
  entry_date: string;
  reason: string;
  proposed_by: string;
  proposed_by_name: string | null;
  created_at: Date;
  required_approvals: number;
  requires_manager: number;
};

type ApprovalRow = {
  adjustment_id: string;
  approver_id: string;
  approver_name: string | null;
  comment: string | null;
  created_at: Date;
};

// "user:<id>" actor ids name a user; others (API keys, the system) have no display name here.
const USER_NAME = `(SELECT u.display_name FROM users u WHERE CONCAT('user:', u.id) = %s)`;

/**
 * Proposed adjustments of periods not yet closed, oldest first (keyset on id), each with the
 * approvals it has so far.
 */
export async function readPendingAdjustments(
  manager: EntityManager,
  first: number,
  afterId?: string,
): Promise<{ adjustments: PendingAdjustment[]; hasNextPage: boolean }> {
  const rows = (await manager.query(
    `SELECT CAST(a.id AS CHAR) AS id, CAST(a.period_id AS CHAR) AS period_id, CAST(a.difference_id AS CHAR) AS difference_id,
            CAST(a.amount AS CHAR) AS amount, a.currency, DATE_FORMAT(a.entry_date, '%Y-%m-%d') AS entry_date,
            a.reason, a.proposed_by, ${USER_NAME.replace('%s', 'a.proposed_by')} AS proposed_by_name,
            a.created_at, a.required_approvals, a.requires_manager
       FROM adjustments a JOIN reconciliation_periods p ON p.id = a.period_id
      WHERE a.status = ? AND p.status <> 'CLOSED' AND a.id > ?
      ORDER BY a.id LIMIT ${first + 1}`,
    [AdjustmentStatus.PROPOSED, afterId ?? '0'],
  )) as Row[];
  const page = rows.slice(0, first);
  const approvals = page.length
    ? ((await manager.query(
        `SELECT CAST(adjustment_id AS CHAR) AS adjustment_id, approver_id,
                ${USER_NAME.replace('%s', 'approver_id')} AS approver_name, comment, created_at
           FROM adjustment_approvals WHERE decision = ? AND adjustment_id IN (${page.map(() => '?').join(',')})
          ORDER BY id`,
        [ApprovalDecision.APPROVE, ...page.map((row) => row.id)],
      )) as ApprovalRow[])
    : [];
  return {
    hasNextPage: rows.length > first,
    adjustments: page.map((row) => ({
      id: row.id,
      periodId: row.period_id,
      differenceId: row.difference_id,
      amount: row.amount,
      currency: row.currency,
      entryDate: row.entry_date,
      reason: row.reason,
      proposedBy: row.proposed_by,
      proposedByName: row.proposed_by_name,
      proposedAt: row.created_at,
      requiredApprovals: Number(row.required_approvals),
      requiresManager: Boolean(Number(row.requires_manager)),
      approvals: approvals
        .filter((approval) => approval.adjustment_id === row.id)
        .map((approval) => ({
          approverId: approval.approver_id,
          approverName: approval.approver_name,
          comment: approval.comment,
          at: approval.created_at,
        })),
    })),
  };
}
