// Customers' credit positions, each in one currency, many in one statement: the credit check's hot read.
import type { DataSource, EntityManager } from 'typeorm';
import { PeriodStatus } from '../contract/enums';
import { CustomerStatus } from '../contract/enums';
import { RiskClass } from '../contract/credit/enums';
import { UNSCORED_RISK_CLASS } from '../contract/credit/score';
import { Money } from '../money/decimal';
import type { CreditPosition } from './credit-check';
import type { ExposureCache, SummedExposure } from './exposure-cache';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

export interface CustomerCreditPosition extends CreditPosition {
  customerId: string;
  customerCode: string;
  score: number | null;
  /** When the limit was first found exceeded (null: within it, or no limit). */
  overLimitSince: Date | null;
}

const CLASSES = new Set<string>(Object.values(RiskClass));

/** The position without its sums: customer, profile, limit, and the exposure's version. */
type HeadRow = {
  i: number | string;
  id: string;
  code: string;
  status: string;
  currency: string;
  on_hold: number | null;
  hold_reason: string | null;
  risk_class: string | null;
  score: number | null;
  credit_limit: string | null;
  over_limit_since: Date | null;
  version: string;
};

type ExposureRow = { i: number | string; version: string; balance: string; disputed: string; orders: string };

export interface PositionKey {
  customerCode: string;
  /** null: the customer's own. */
  currency: string | null;
}

/**
 * Reads, for any number of checks, everything but the sums in one statement of primary- and
 * unique-key reads: the customer by code, its profile, its limit and its exposure version (raised
 * by triggers in the transaction of any write the sums depend on: CreditVersions migration).
 */
async function readHeads(db: Queryable, keys: readonly PositionKey[]): Promise<HeadRow[]> {
  const wanted = keys.map((_, i) => `SELECT ${i} AS i, ? AS code, ? AS cur`).join(' UNION ALL ');
  return (await db.query(
    `SELECT q.i, CAST(q.id AS CHAR) AS id, q.code, q.status, q.currency,
            p.on_hold, p.hold_reason, p.risk_class, p.score,
            CAST(l.amount AS CHAR) AS credit_limit, l.over_limit_since,
            CAST(COALESCE(v.version, 0) AS CHAR) AS version
       FROM (SELECT k.i, c.id, c.code, c.status, COALESCE(k.cur, c.currency) AS currency
               FROM (${wanted}) k JOIN customers c ON c.code = k.code) q
       LEFT JOIN credit_profiles p ON p.customer_id = q.id
       LEFT JOIN credit_limits l ON l.customer_id = q.id AND l.currency = q.currency
       LEFT JOIN credit_versions v ON v.customer_id = q.id`,
    keys.flatMap((k) => [k.customerCode, k.currency]),
  )) as HeadRow[];
}

/**
 * The sums of customers' exposures with their version, in one statement (one consistent snapshot:
 * the version and the sums agree): each balance over the ledger's (customer, currency, amount)
 * index, disputed invoices of periods still open, reported orders.
 */
export async function readExposures(
  db: Queryable,
  keys: ReadonlyArray<{ customerId: string; currency: string }>,
): Promise<SummedExposure[]> {
  if (keys.length === 0) return [];
  const wanted = keys.map((_, i) => `SELECT ${i} AS i, ? AS id, ? AS currency`).join(' UNION ALL ');
  const rows = (await db.query(
    `SELECT q.i, CAST(COALESCE((SELECT v.version FROM credit_versions v WHERE v.customer_id = q.id), 0) AS CHAR) AS version,
            (SELECT CAST(COALESCE(SUM(e.amount), 0) AS CHAR) FROM ledger_entries e
              WHERE e.customer_id = q.id AND e.currency = q.currency) AS balance,
            (SELECT CAST(COALESCE(SUM(e.amount), 0) AS CHAR) FROM ledger_entries e
              WHERE e.customer_id = q.id AND e.currency = q.currency AND e.amount > 0 AND e.id IN (
                SELECT d.ledger_entry_id FROM reconciliation_periods rp
                  JOIN customer_confirmations cc ON cc.period_id = rp.id
                  JOIN disputed_lines d ON d.confirmation_id = cc.id
                 WHERE rp.customer_id = q.id AND rp.status <> ? AND d.ledger_entry_id IS NOT NULL)) AS disputed,
            (SELECT CAST(COALESCE(SUM(o.amount), 0) AS CHAR) FROM credit_open_orders o
              WHERE o.customer_id = q.id AND o.currency = q.currency) AS orders
       FROM (${wanted}) q`,
    [PeriodStatus.CLOSED, ...keys.flatMap((k) => [k.customerId, k.currency])],
  )) as ExposureRow[];
  const sums: SummedExposure[] = new Array<SummedExposure>(keys.length);
  for (const row of rows)
    sums[Number(row.i)] = {
      version: row.version,
      balance: new Money(row.balance),
      disputed: new Money(row.disputed),
      openOrders: new Money(row.orders),
    };
  return sums;
}

/**
 * One position per key (null for an unknown code). With a cache, a customer's sums are read only
 * when its version moved since they were cached (or were never read): a check of an unchanged
 * customer is the head statement and a memory lookup. Nothing is older than the request: the
 * version is read by a statement that starts after the request arrived, and cached sums are used
 * only when they were read at that same version.
 */
export async function readCreditPositions(
  db: Queryable,
  keys: readonly PositionKey[],
  cache?: ExposureCache,
): Promise<Array<CustomerCreditPosition | null>> {
  if (keys.length === 0) return [];
  const heads = await readHeads(db, keys);
  const sums = heads.map((head) => cache?.get(head.id, head.currency, head.version));
  const missing = sums.flatMap((held, at) => (held ? [] : [at]));
  if (missing.length) {
    const fresh = await readExposures(
      db,
      missing.map((at) => ({ customerId: heads[at].id, currency: heads[at].currency })),
    );
    missing.forEach((at, n) => {
      sums[at] = fresh[n];
      cache?.set(heads[at].id, heads[at].currency, fresh[n]);
    });
  }
  const positions: Array<CustomerCreditPosition | null> = keys.map(() => null);
  heads.forEach((head, at) => (positions[Number(head.i)] = positionOf(head, sums[at]!)));
  return positions;
}

export async function readCreditPosition(
  db: Queryable,
  customerCode: string,
  currency: string | null,
): Promise<CustomerCreditPosition | null> {
  const [position] = await readCreditPositions(db, [{ customerCode, currency }]);
  return position;
}

function positionOf(row: HeadRow, sums: SummedExposure): CustomerCreditPosition {
  return {
    customerId: row.id,
    customerCode: row.code,
    currency: row.currency,
    balance: sums.balance,
    disputed: sums.disputed,
    openOrders: sums.openOrders,
    limit: row.credit_limit === null ? null : new Money(row.credit_limit),
    onHold: Boolean(row.on_hold),
    holdReason: row.hold_reason,
    riskClass:
      row.risk_class && CLASSES.has(row.risk_class) ? (row.risk_class as RiskClass) : UNSCORED_RISK_CLASS,
    score: row.score === null ? null : Number(row.score),
    active: row.status === CustomerStatus.ACTIVE,
    overLimitSince: row.over_limit_since,
  };
}
