import type { EntityManager } from 'typeorm';
import { MatchGroupState, type EntryKind } from '../contract/enums';
import type { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { inScopeCondition, periodScope } from './period-scope';

/** Which side of the reconciliation a line is on: our ledger or the customer's statement. */
export enum LineSide {
  OURS = 'OURS',
  THEIRS = 'THEIRS',
}

/** A line's place in the period's latest match run. */
export enum LineMatchState {
  /** In an applied (automatic) or manual (by hand) group. */
  MATCHED = 'MATCHED',
  /** Only in a suggestion waiting for a clerk. */
  SUGGESTED = 'SUGGESTED',
  UNMATCHED = 'UNMATCHED',
}

/** One line of either side, as the workbench shows it; amounts are exact decimal text. */
export interface PeriodLine {
  id: string;
  side: LineSide;
  date: string;
  docNo: string | null;
  reference: string | null;
  description: string | null;
  kind: EntryKind;
  amount: string;
  currency: string;
  matchGroupId: string | null;
  matchState: LineMatchState;
}

export interface PeriodLineCursor {
  date: string;
  id: string;
}

export interface PeriodLineQuery {
  side: LineSide;
  first: number;
  after?: PeriodLineCursor;
  state?: LineMatchState;
  /** Part of the document number, reference or description (plain text, not a pattern). */
  search?: string;
  /** Only these lines of the side (checked digits). */
  ids?: readonly string[];
}

export interface PeriodLinePage {
  lines: PeriodLine[];
  hasNextPage: boolean;
}

type Row = {
  id: string;
  date: string;
  doc_no: string | null;
  reference: string | null;
  description: string | null;
  kind: EntryKind;
  amount: string;
  currency: string;
  group_id: string | null;
  group_state: string | null;
};

const MATCHED_STATES = [MatchGroupState.APPLIED, MatchGroupState.MANUAL];

/**
 * The lines of one side of a period in date order, each with the group of the latest match run
 * that holds it (a decided group wins over a suggestion). The same scope the engine matched:
 * `loadEngineInput` reads our side by `periodScope` and theirs from the period's statement.
 */
export async function readPeriodLines(
  manager: EntityManager,
  period: ReconciliationPeriod,
  query: PeriodLineQuery,
): Promise<PeriodLinePage> {
  const ours = query.side === LineSide.OURS;
  const source = ours ? await ourSource(manager, period) : theirSource(period);
  if (!source) return { lines: [], hasNextPage: false };
  const memberColumn = ours ? 'ledger_entry_id' : 'statement_line_id';
  const where: string[] = [source.where];
  const params: unknown[] = [...source.params];
  if (query.after) {
    where.push(`(l.${source.date} > ? OR (l.${source.date} = ? AND l.id > ?))`);
    params.push(query.after.date, query.after.date, query.after.id);
  }
  if (query.search) {
    const like = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push('(l.doc_no LIKE ? OR l.reference LIKE ? OR l.description LIKE ?)');
    params.push(like, like, like);
  }
  if (query.ids) {
    if (!query.ids.length) return { lines: [], hasNextPage: false };
    where.push(`l.id IN (${query.ids.map(() => '?').join(',')})`);
    params.push(...query.ids);
  }
  const stateCondition = stateSql(query.state);
  const rows = (await manager.query(
    `SELECT * FROM (
       SELECT CAST(l.id AS CHAR) AS id, DATE_FORMAT(l.${source.date}, '%Y-%m-%d') AS date, l.doc_no, l.reference,
              l.description, l.kind, CAST(l.amount AS CHAR) AS amount, l.currency,
              (SELECT CAST(g.id AS CHAR) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id
                WHERE m.${memberColumn} = l.id AND g.period_id = ? AND g.match_run = ? AND g.state IN (?, ?, ?)
                ORDER BY g.state = ? , g.id LIMIT 1) AS group_id,
              (SELECT g.state FROM match_group_members m JOIN match_groups g ON g.id = m.group_id
                WHERE m.${memberColumn} = l.id AND g.period_id = ? AND g.match_run = ? AND g.state IN (?, ?, ?)
                ORDER BY g.state = ?, g.id LIMIT 1) AS group_state,
              l.${source.date} AS sort_date, l.id AS sort_id
         FROM ${source.table} l
        WHERE ${where.join(' AND ')}
     ) x ${stateCondition ? `WHERE ${stateCondition}` : ''}
     ORDER BY sort_date, sort_id
     LIMIT ${query.first + 1}`,
    [...groupParams(period), ...groupParams(period), ...params],
  )) as Row[];
  const lines = rows.slice(0, query.first).map((row) => toLine(row, query.side));
  return { lines, hasNextPage: rows.length > query.first };
}

// The group subqueries prefer a decided group (APPLIED/MANUAL) over a suggestion: `state = SUGGESTED`
// sorts false (0) first for decided groups.
const groupParams = (period: ReconciliationPeriod) => [
  period.id,
  period.matchRun,
  MatchGroupState.APPLIED,
  MatchGroupState.MANUAL,
  MatchGroupState.SUGGESTED,
  MatchGroupState.SUGGESTED,
];

function stateSql(state: LineMatchState | undefined): string | null {
  switch (state) {
    case undefined:
      return null;
    case LineMatchState.MATCHED:
      return `x.group_state IN ('${MATCHED_STATES.join("','")}')`;
    case LineMatchState.SUGGESTED:
      return `x.group_state = '${MatchGroupState.SUGGESTED}'`;
    case LineMatchState.UNMATCHED:
      return 'x.group_state IS NULL';
  }
}

function toLine(row: Row, side: LineSide): PeriodLine {
  const matchState =
    row.group_state === null
      ? LineMatchState.UNMATCHED
      : row.group_state === MatchGroupState.SUGGESTED
        ? LineMatchState.SUGGESTED
        : LineMatchState.MATCHED;
  return {
    id: row.id,
    side,
    date: row.date,
    docNo: row.doc_no,
    reference: row.reference,
    description: row.description,
    kind: row.kind,
    amount: row.amount,
    currency: row.currency,
    matchGroupId: row.group_id,
    matchState,
  };
}

interface LineSource {
  table: string;
  date: string;
  where: string;
  params: unknown[];
}

async function ourSource(manager: EntityManager, period: ReconciliationPeriod): Promise<LineSource> {
  const inScope = inScopeCondition(await periodScope(manager, period));
  return {
    table: 'ledger_entries',
    date: 'entry_date',
    where: `l.customer_id = ? AND ${inScope.sql.replace(/\b(entry_date|created_at)\b/g, 'l.$1')}`,
    params: [period.customerId, ...inScope.params],
  };
}

function theirSource(period: ReconciliationPeriod): LineSource | null {
  if (!period.statementId) return null;
  return {
    table: 'statement_lines',
    date: 'txn_date',
    where: 'l.statement_id = ?',
    params: [period.statementId],
  };
}
