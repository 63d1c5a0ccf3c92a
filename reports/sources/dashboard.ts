import type { EntityManager } from 'typeorm';
import { ConfirmationStatus, PeriodStatus, TaskStatus } from '../../contract/enums';

/** The manager's view of one month: where its periods stand and who holds the work. */
export interface DashboardData {
  month: string;
  periodsByStatus: Array<{ status: PeriodStatus; count: number }>;
  /** Periods of the month, not closed, whose bridge does not tie: the largest gap first (50 at most). */
  untiedPeriodIds: string[];
  /** Statements sent and not answered, oldest first: reminders and escalation so far. */
  unanswered: Array<{
    periodId: string;
    sentAt: Date;
    daysWaiting: number;
    remindersSent: number;
    escalatedAt: Date | null;
  }>;
  /** Open and claimed tasks per person (null: not claimed yet), with how many are past due. */
  workloads: Array<{ userId: string | null; name: string | null; open: number; overdue: number }>;
}

const UNTIED_SHOWN = 50;

export async function readDashboard(
  manager: EntityManager,
  month: { key: string; start: string; end: string },
  now: Date,
): Promise<DashboardData> {
  const inMonth = 'p.period_start BETWEEN ? AND ?';
  const range = [month.start, month.end];
  const statuses = (await manager.query(
    `SELECT p.status, COUNT(*) AS n FROM reconciliation_periods p WHERE ${inMonth} GROUP BY p.status`,
    range,
  )) as Array<{ status: PeriodStatus; n: string }>;
  const untied = (await manager.query(
    `SELECT CAST(p.id AS CHAR) AS id FROM reconciliation_periods p
      WHERE ${inMonth} AND p.status NOT IN (?, ?) AND p.bridge_tied = 0 AND p.match_run > 0
      ORDER BY ABS(COALESCE(p.unexplained_amount, 0)) DESC, p.id LIMIT ${UNTIED_SHOWN}`,
    [...range, PeriodStatus.CLOSED, PeriodStatus.FAILED],
  )) as Array<{ id: string }>;
  const unanswered = (await manager.query(
    `SELECT CAST(c.period_id AS CHAR) AS period_id, c.sent_at, c.reminders_sent, c.escalated_at
       FROM customer_confirmations c JOIN reconciliation_periods p ON p.id = c.period_id
      WHERE ${inMonth} AND c.status = ? AND c.sent_at IS NOT NULL AND p.status = ?
      ORDER BY c.sent_at, c.id`,
    [...range, ConfirmationStatus.SENT, PeriodStatus.AWAITING_CUSTOMER],
  )) as Array<{ period_id: string; sent_at: Date; reminders_sent: number; escalated_at: Date | null }>;
  const workloads = (await manager.query(
    `SELECT CAST(t.assignee_id AS CHAR) AS user_id, u.display_name AS name, COUNT(*) AS n,
            SUM(t.due_at < ?) AS overdue
       FROM tasks t LEFT JOIN users u ON u.id = t.assignee_id
      WHERE t.status IN (?, ?)
      GROUP BY t.assignee_id, u.display_name
      ORDER BY n DESC`,
    [now, TaskStatus.OPEN, TaskStatus.CLAIMED],
  )) as Array<{ user_id: string | null; name: string | null; n: string; overdue: string | null }>;
  const day = 86_400_000;
  return {
    month: month.key,
    periodsByStatus: statuses.map((row) => ({ status: row.status, count: Number(row.n) })),
    untiedPeriodIds: untied.map((row) => row.id),
    unanswered: unanswered.map((row) => ({
      periodId: row.period_id,
      sentAt: row.sent_at,
      daysWaiting: Math.floor((now.getTime() - new Date(row.sent_at).getTime()) / day),
      remindersSent: Number(row.reminders_sent),
      escalatedAt: row.escalated_at,
    })),
    workloads: workloads.map((row) => ({
      userId: row.user_id,
      name: row.name,
      open: Number(row.n),
      overdue: Number(row.overdue ?? 0),
    })),
  };
}
