// Reads what open-item application needs from MySQL: ledger entries, terms in force, manual applications.
import type { DataSource, EntityManager } from 'typeorm';
import { toUnits } from '../formats/amount';
import type { TermsKind } from '../contract/credit/enums';
import { compareIds, type LedgerItem, type ManualApplication } from './open-items';
import { DEFAULT_TERMS, type TermsRule } from './terms';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** The terms in force for a customer, by date: each assignment from its date on, the default before. */
export interface TermsTimeline {
  /** Assignments in date order. */
  readonly from: Array<{ effectiveFrom: string; rule: TermsRule; code: string }>;
}

export function termsOn(timeline: TermsTimeline | undefined, date: string): TermsRule {
  if (!timeline) return DEFAULT_TERMS;
  let rule: TermsRule = DEFAULT_TERMS;
  for (const assignment of timeline.from) {
    if (assignment.effectiveFrom > date) break;
    rule = assignment.rule;
  }
  return rule;
}

/** Terms timelines of these customers (all with assignments, when `customerIds` is undefined). */
export async function loadTermsTimelines(
  db: Queryable,
  customerIds?: readonly string[],
): Promise<Map<string, TermsTimeline>> {
  if (customerIds && customerIds.length === 0) return new Map();
  const rows = (await db.query(
    `SELECT CAST(a.customer_id AS CHAR) AS customer_id, DATE_FORMAT(a.effective_from, '%Y-%m-%d') AS effective_from,
            t.code, t.kind, t.days, t.instalments
       FROM customer_payment_terms a JOIN payment_terms t ON t.id = a.terms_id
      ${customerIds ? 'WHERE a.customer_id IN (?)' : ''}
      ORDER BY a.customer_id, a.effective_from`,
    customerIds ? [customerIds] : [],
  )) as Array<{
    customer_id: string;
    effective_from: string;
    code: string;
    kind: TermsKind;
    days: number;
    instalments: TermsRule['instalments'] | string | null;
  }>;
  const timelines = new Map<string, TermsTimeline>();
  for (const row of rows) {
    const instalments =
      typeof row.instalments === 'string'
        ? (JSON.parse(row.instalments) as TermsRule['instalments'])
        : row.instalments;
    const rule: TermsRule = { kind: row.kind, days: Number(row.days), instalments: instalments ?? [] };
    let timeline = timelines.get(row.customer_id);
    if (!timeline) timelines.set(row.customer_id, (timeline = { from: [] }));
    timeline.from.push({ effectiveFrom: row.effective_from, rule, code: row.code });
  }
  return timelines;
}

interface EntryRow {
  customer_id: string;
  id: string;
  entry_date: string;
  kind: string;
  amount: string;
  currency: string;
  doc_no: string | null;
  reference: string | null;
}

const toItem = (row: EntryRow): LedgerItem => ({
  id: row.id,
  date: row.entry_date,
  kind: row.kind,
  units: toUnits(row.amount),
  currency: row.currency,
  docNo: row.doc_no,
  reference: row.reference,
});

/** Ledger entries of these customers up to `asOf` (all when null), per customer, in date and id order. */
export async function loadLedgerItems(
  db: Queryable,
  customerIds: readonly string[],
  asOf: string | null,
): Promise<Map<string, LedgerItem[]>> {
  const byCustomer = new Map<string, LedgerItem[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return byCustomer;
  const rows = (await db.query(
    `SELECT CAST(customer_id AS CHAR) AS customer_id, CAST(id AS CHAR) AS id, entry_date, kind,
            CAST(amount AS CHAR) AS amount, currency, doc_no, reference
       FROM ledger_entries WHERE customer_id IN (?)${asOf ? ' AND entry_date <= ?' : ''}
      ORDER BY customer_id, entry_date, id`,
    asOf ? [customerIds, asOf] : [customerIds],
  )) as EntryRow[];
  for (const row of rows) byCustomer.get(row.customer_id)!.push(toItem(row));
  return byCustomer;
}

/** Manual applications in force (not reversed) for these customers, per customer. */
export async function loadManualApplications(
  db: Queryable,
  customerIds: readonly string[],
): Promise<Map<string, ManualApplication[]>> {
  const byCustomer = new Map<string, ManualApplication[]>();
  if (customerIds.length === 0) return byCustomer;
  const rows = (await db.query(
    `SELECT CAST(customer_id AS CHAR) AS customer_id, CAST(id AS CHAR) AS id,
            CAST(credit_entry_id AS CHAR) AS credit_id, CAST(debit_entry_id AS CHAR) AS debit_id,
            CAST(amount AS CHAR) AS amount
       FROM receivable_applications WHERE customer_id IN (?) AND reversed_at IS NULL ORDER BY id`,
    [customerIds],
  )) as Array<{ customer_id: string; id: string; credit_id: string; debit_id: string; amount: string }>;
  for (const row of rows) {
    const list = byCustomer.get(row.customer_id) ?? [];
    list.push({ id: row.id, creditId: row.credit_id, debitId: row.debit_id, units: toUnits(row.amount) });
    byCustomer.set(row.customer_id, list);
  }
  for (const list of byCustomer.values()) list.sort((a, b) => compareIds(a.id, b.id));
  return byCustomer;
}
