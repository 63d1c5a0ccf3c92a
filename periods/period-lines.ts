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
  /** The line's group in the run as `STATE id`, or null. */
  grouped: string | null;
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
  const inRun = (states: readonly MatchGroupState[]) => ({
    sql: `SELECT 1 FROM match_group_members m JOIN match_groups g ON g.id = m.group_id
           WHERE m.${memberColumn} = l.id AND g.period_id = ? AND g.match_run = ?
             AND g.state IN (${states.map(() => '?').join(', ')})`,
    params: [period.id, period.matchRun, ...states],
  });
  // The state's condition on the line itself, so the database filters before it sorts and stops
  // at a page: an unmatched line is in no group of the run (one probe per line, none of the two
  // group lookups), a suggested one in a suggestion and no decided group (found from the run's
  // few suggestions). A matched one is most lines: read in date order and kept by the group the
  // select list found (HAVING), so the read stops after a page.
  let having = '';
  switch (query.state) {
    case LineMatchState.UNMATCHED: {
      const any = inRun(GROUPED_STATES);
      where.push(`NOT EXISTS (${any.sql})`);
      params.push(...any.params);
      break;
    }
    case LineMatchState.SUGGESTED: {
      const suggested = inRun([MatchGroupState.SUGGESTED]);
      const decided = inRun(MATCHED_STATES);
      where.push(`EXISTS (${suggested.sql}) AND NOT EXISTS (${decided.sql})`);
      params.push(...suggested.params, ...decided.params);
      break;
    }
    case LineMatchState.MATCHED:
      having = `HAVING SUBSTRING_INDEX(grouped, ' ', 1) IN (${MATCHED_STATES.map(() => '?').join(', ')})`;
      break;
    case undefined:
      break;
  }
  // One lookup of the line's group (a decided group wins over a suggestion: `state = SUGGESTED`
  // sorts false, 0, first), its state and id in one value.
  const rows = (await manager.query(
    `SELECT CAST(l.id AS CHAR) AS id, DATE_FORMAT(l.${source.date}, '%Y-%m-%d') AS date, l.doc_no, l.reference,
            l.description, l.kind, CAST(l.amount AS CHAR) AS amount, l.currency,
            (SELECT CONCAT(g.state, ' ', g.id) FROM match_group_members m JOIN match_groups g ON g.id = m.group_id
              WHERE m.${memberColumn} = l.id AND g.period_id = ? AND g.match_run = ? AND g.state IN (?, ?, ?)
              ORDER BY g.state = ?, g.id LIMIT 1) AS grouped
       FROM ${source.table} l
      WHERE ${where.join(' AND ')}
      ${having}
      ORDER BY l.${source.date}, l.id
      LIMIT ${query.first + 1}`,
    [
      period.id,
      period.matchRun,
      ...GROUPED_STATES,
      MatchGroupState.SUGGESTED,
      ...params,
      ...(having ? MATCHED_STATES : []),
    ],
  )) as Row[];
  const lines = rows.slice(0, query.first).map((row) => toLine(row, query.side));
  return { lines, hasNextPage: rows.length > query.first };
}

const GROUPED_STATES = [MatchGroupState.APPLIED, MatchGroupState.MANUAL, MatchGroupState.SUGGESTED];

function toLine(row: Row, side: LineSide): PeriodLine {
  const [groupState, groupId] = row.grouped === null ? [null, null] : row.grouped.split(' ');
  const matchState =
    groupState === null
      ? LineMatchState.UNMATCHED
      : groupState === MatchGroupState.SUGGESTED
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
    matchGroupId: groupId,
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
