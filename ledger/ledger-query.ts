import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Customer } from '../entities/customer.entity';
import { MatchGroupState, type EntryKind } from '../contract/enums';
import { LedgerEntry } from '../entities/ledger-entry.entity';
import { Money } from '../money/decimal';

export enum LedgerEntryState {
  /** Not in an applied or manual match group of its period's latest match run. */
  OPEN = 'OPEN',
  MATCHED = 'MATCHED',
}

export interface LedgerFilter {
  from?: string | null;
  to?: string | null;
  kinds?: EntryKind[] | null;
  source?: string | null;
  docNo?: string | null;
  reference?: string | null;
  /** Part of the document number, reference or description; % and _ are plain characters. */
  search?: string | null;
  minAmount?: string | null;
  maxAmount?: string | null;
  state?: LedgerEntryState | null;
}

/** Keyset position in the (entryDate, id) order. */
export interface LedgerCursor {
  entryDate: string;
  id: string;
}

/** An entry with its state in its period's latest match run. */
export type LedgerEntryRow = LedgerEntry & { matched: boolean };

export interface LedgerPage {
  entries: LedgerEntryRow[];
  hasNextPage: boolean;
}

export interface LedgerTotals {
  count: number;
  /** Net of every matching entry: what they add to the balance. */
  net: Money;
  /** Entries that increase what the customer owes (invoices, debit notes…). */
  debits: Money;
  /** Entries that decrease it (receipts, credit notes…), as a negative sum. */
  credits: Money;
}

// Matched means: a member of an APPLIED or MANUAL group of the latest run of that group's period.
const MATCHED_SQL = `EXISTS (SELECT 1 FROM match_group_members m
    JOIN match_groups g ON g.id = m.group_id AND g.state IN ('${MatchGroupState.APPLIED}', '${MatchGroupState.MANUAL}')
    JOIN reconciliation_periods p ON p.id = g.period_id AND p.match_run = g.match_run
   WHERE m.ledger_entry_id = e.id)`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function customerIdByCode(dataSource: DataSource, code: string): Promise<string | null> {
  const customer = await dataSource
    .getRepository(Customer)
    .findOne({ where: { code }, select: { id: true } });
  return customer?.id ?? null;
}

function filtered(dataSource: DataSource, customerId: string, filter: LedgerFilter) {
  const query = dataSource
    .getRepository(LedgerEntry)
    .createQueryBuilder('e')
    .where('e.customerId = :customerId', { customerId });
  if (filter.from) query.andWhere('e.entryDate >= :from', { from: filter.from });
  if (filter.to) query.andWhere('e.entryDate <= :to', { to: filter.to });
  if (filter.kinds?.length) query.andWhere('e.kind IN (:...kinds)', { kinds: filter.kinds });
  if (filter.source) query.andWhere('e.source = :source', { source: filter.source });
  if (filter.docNo) query.andWhere('e.docNo = :docNo', { docNo: filter.docNo });
  if (filter.reference) query.andWhere('e.reference = :reference', { reference: filter.reference });
  if (filter.search) {
    query.andWhere('(e.docNo LIKE :search OR e.reference LIKE :search OR e.description LIKE :search)', {
      search: `%${escapeLike(filter.search)}%`,
    });
  }
  // Compared as DECIMAL: a string against a DECIMAL column would be compared as a double.
  if (filter.minAmount)
    query.andWhere('e.amount >= CAST(:minAmount AS DECIMAL(20,4))', { minAmount: filter.minAmount });
  if (filter.maxAmount)
    query.andWhere('e.amount <= CAST(:maxAmount AS DECIMAL(20,4))', { maxAmount: filter.maxAmount });
  if (filter.state === LedgerEntryState.MATCHED) query.andWhere(MATCHED_SQL);
  if (filter.state === LedgerEntryState.OPEN) query.andWhere(`NOT ${MATCHED_SQL}`);
  return query;
}

/** One page of a customer's entries in date order (账目查询), each with its matched state. */
export async function findLedgerEntries(
  dataSource: DataSource,
  customerId: string,
  filter: LedgerFilter,
  first: number,
  after?: LedgerCursor,
): Promise<LedgerPage> {
  const query: SelectQueryBuilder<LedgerEntry> = filtered(dataSource, customerId, filter)
    .addSelect(MATCHED_SQL, 'matched')
    .orderBy('e.entryDate', 'ASC')
    .addOrderBy('e.id', 'ASC')
    .limit(first + 1);
  if (after) {
    query.andWhere('(e.entryDate > :afterDate OR (e.entryDate = :afterDate AND e.id > :afterId))', {
      afterDate: after.entryDate,
      afterId: after.id,
    });
  }
  const { entities, raw } = await query.getRawAndEntities<{ matched: string | number }>();
  const entries = entities.map((entry, i) => Object.assign(entry, { matched: Number(raw[i].matched) === 1 }));
  return { entries: entries.slice(0, first), hasNextPage: entries.length > first };
}

/** Totals over the whole filter (every page), summed by the database: exact DECIMAL arithmetic. */
export async function ledgerTotals(
  dataSource: DataSource,
  customerId: string,
  filter: LedgerFilter,
): Promise<LedgerTotals> {
  const row = await filtered(dataSource, customerId, filter)
    .select('COUNT(*)', 'count')
    .addSelect('COALESCE(SUM(e.amount), 0)', 'net')
    .addSelect('COALESCE(SUM(CASE WHEN e.amount > 0 THEN e.amount ELSE 0 END), 0)', 'debits')
    .addSelect('COALESCE(SUM(CASE WHEN e.amount < 0 THEN e.amount ELSE 0 END), 0)', 'credits')
    .getRawOne<{ count: string; net: string; debits: string; credits: string }>();
  return {
    count: Number(row?.count ?? 0),
    net: new Money(row?.net ?? 0),
    debits: new Money(row?.debits ?? 0),
    credits: new Money(row?.credits ?? 0),
  };
}
