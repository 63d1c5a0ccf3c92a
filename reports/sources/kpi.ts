import type { DataSource } from 'typeorm';
import { Money, sumMoney } from '../../money/decimal';
import type { AgingBucket, CompanyInfo, KpiReportData } from '../types';

const ratio = (part: number, whole: number) => (whole === 0 ? '0' : (part / whole).toFixed(4));
const BUCKETS: Array<[AgingBucket, number, number]> = [
  ['CURRENT', 0, 0],
  ['D1_30', 1, 30],
  ['D31_60', 31, 60],
  ['D61_90', 61, 90],
  ['D90_PLUS', 91, 1_000_000],
];

/** 对账KPI for periods starting in [from, to]: auto-match rate, time to confirm, dispute rate, open differences by age, per clerk. */
export async function kpiReport(
  dataSource: DataSource,
  company: CompanyInfo,
  from: string,
  to: string,
  currency: string,
): Promise<KpiReportData> {
  const scope = 'p.period_start BETWEEN ? AND ? AND p.currency = ?';
  const params = [from, to, currency];
  const [periods] = (await dataSource.query(
    `SELECT COUNT(*) AS n FROM reconciliation_periods p WHERE ${scope}`,
    params,
  )) as Array<{ n: string }>;
  const [lines] = (await dataSource.query(
    `SELECT
       (SELECT COUNT(*) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id JOIN reconciliation_periods p ON p.id = g.period_id
         WHERE ${scope} AND g.match_run = p.match_run AND g.state = 'APPLIED') AS auto_lines,
       (SELECT COUNT(*) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id JOIN reconciliation_periods p ON p.id = g.period_id
         WHERE ${scope} AND g.match_run = p.match_run AND g.state IN ('APPLIED','MANUAL')) AS matched_lines,
       (SELECT COUNT(*) FROM differences d JOIN reconciliation_periods p ON p.id = d.period_id
         WHERE ${scope} AND d.match_run = p.match_run AND d.kind <> 'TOLERANCE') AS difference_lines`,
    [...params, ...params, ...params],
  )) as Array<{ auto_lines: string; matched_lines: string; difference_lines: string }>;
  const confirmations = (await dataSource.query(
    `SELECT cc.status, TIMESTAMPDIFF(SECOND, cc.sent_at, cc.responded_at) AS seconds
       FROM customer_confirmations cc JOIN reconciliation_periods p ON p.id = cc.period_id WHERE ${scope} AND cc.sent_at IS NOT NULL`,
    params,
  )) as Array<{ status: string; seconds: string | null }>;
  const confirmed = confirmations
    .filter((c) => c.status === 'CONFIRMED' && c.seconds !== null)
    .map((c) => Number(c.seconds) / 86_400)
    .sort((a, b) => a - b);
  const median = confirmed.length ? confirmed[Math.floor((confirmed.length - 1) / 2)].toFixed(2) : null;
  const open = (await dataSource.query(
    `SELECT DATEDIFF(CURRENT_DATE, d.created_at) AS age, CAST(d.amount AS CHAR) AS amount
       FROM differences d JOIN reconciliation_periods p ON p.id = d.period_id WHERE ${scope} AND d.match_run = p.match_run AND d.status = 'OPEN'`,
    params,
  )) as Array<{ age: string; amount: string }>;
  // Per clerk: the periods whose tasks they were assigned, what they resolved, their hand matches
  // (match groups decided by "user:<id>"), and the auto-match rate of those periods.
  const clerks = (await dataSource.query(
    `SELECT COALESCE(u.display_name, 'unassigned') AS clerk, t.assignee_id AS assignee, COUNT(DISTINCT t.period_id) AS periods,
            SUM(t.status = 'DONE') AS resolved, SUM(t.status IN ('OPEN','CLAIMED')) AS open_tasks,
            AVG(CASE WHEN t.status = 'DONE' THEN TIMESTAMPDIFF(SECOND, t.created_at, t.completed_at) END) AS avg_seconds,
            (SELECT COUNT(*) FROM match_groups g WHERE g.state = 'MANUAL' AND g.decided_by = CONCAT('user:', t.assignee_id)) AS manual,
            (SELECT COUNT(*) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id JOIN reconciliation_periods q ON q.id = g.period_id
              WHERE g.match_run = q.match_run AND g.state = 'APPLIED' AND q.id IN (SELECT period_id FROM tasks x WHERE x.assignee_id <=> t.assignee_id)) AS auto_lines,
            (SELECT COUNT(*) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id JOIN reconciliation_periods q ON q.id = g.period_id
              WHERE g.match_run = q.match_run AND g.state IN ('APPLIED','MANUAL') AND q.id IN (SELECT period_id FROM tasks x WHERE x.assignee_id <=> t.assignee_id))
            + (SELECT COUNT(*) FROM differences d JOIN reconciliation_periods q ON q.id = d.period_id
              WHERE d.match_run = q.match_run AND d.kind <> 'TOLERANCE' AND q.id IN (SELECT period_id FROM tasks x WHERE x.assignee_id <=> t.assignee_id)) AS all_lines
       FROM tasks t JOIN reconciliation_periods p ON p.id = t.period_id LEFT JOIN users u ON u.id = t.assignee_id
      WHERE ${scope} GROUP BY t.assignee_id, u.display_name ORDER BY clerk`,
    params,
  )) as Array<{
    clerk: string;
    periods: string;
    resolved: string | null;
    open_tasks: string | null;
    avg_seconds: string | null;
    manual: string;
    auto_lines: string;
    all_lines: string;
  }>;
  const others = (await dataSource.query(
    `SELECT p.currency, COUNT(*) AS periods FROM reconciliation_periods p
      WHERE p.period_start BETWEEN ? AND ? AND p.currency <> ? GROUP BY p.currency ORDER BY p.currency`,
    params,
  )) as Array<{ currency: string; periods: string | number }>;
  const autoLines = Number(lines.auto_lines);
  const allLines = Number(lines.matched_lines) + Number(lines.difference_lines);
  return {
    company,
    period: `${from}..${to}`,
    currency,
    periods: Number(periods.n),
    autoMatchRate: ratio(autoLines, allLines),
    medianDaysToConfirm: median,
    confirmationRate: ratio(
      confirmations.filter((c) => c.status === 'CONFIRMED').length,
      confirmations.length,
    ),
    disputeRate: ratio(confirmations.filter((c) => c.status === 'DISPUTED').length, confirmations.length),
    openDifferencesByAge: BUCKETS.map(([bucket, min, max]) => {
      const inBucket = open.filter((o) => Number(o.age) >= min && Number(o.age) <= max);
      return {
        bucket,
        count: inBucket.length,
        amount: sumMoney(inBucket.map((o) => new Money(o.amount))).toFixed(),
      };
    }),
    otherCurrencies: others.map((o) => ({ currency: o.currency, periods: Number(o.periods) })),
    perClerk: clerks.map((c) => ({
      clerk: String(c.clerk),
      periods: Number(c.periods),
      autoMatchRate: ratio(Number(c.auto_lines), Number(c.all_lines)),
      manualMatches: Number(c.manual),
      differencesResolved: Number(c.resolved ?? 0),
      openTasks: Number(c.open_tasks ?? 0),
      averageDaysToResolve: c.avg_seconds === null ? null : (Number(c.avg_seconds) / 86_400).toFixed(2),
    })),
  };
}
