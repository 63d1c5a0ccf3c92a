// Customers' credit positions, each in one currency, many in one statement: the credit check's hot read.
import type { DataSource, EntityManager } from 'typeorm';
import { PeriodStatus } from '../contract/enums';
import { CustomerStatus } from '../contract/enums';
import { RiskClass } from '../contract/credit/enums';
import { UNSCORED_RISK_CLASS } from '../contract/credit/score';
import { Money } from '../money/decimal';
import type { CreditPosition } from './credit-check';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

export interface CustomerCreditPosition extends CreditPosition {
  customerId: string;
  customerCode: string;
  score: number | null;
  /** When the limit was first found exceeded (null: within it, or no limit). */
  overLimitSince: Date | null;
}

const CLASSES = new Set<string>(Object.values(RiskClass));

type PositionRow = {
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
  balance: string;
  disputed: string;
  orders: string;
};

export interface PositionKey {
  customerCode: string;
  /** null: the customer's own. */
  currency: string | null;
}

/**
 * One statement for any number of checks, every part by an index: the customers by code, their
 * profiles and limits by key, each balance over the ledger's (customer, currency, amount) index,
 * disputed invoices of periods still open and reported orders. Nothing is cached, so a ledger entry
 * or a limit committed before the statement starts is in its answer. Returns null for an unknown code.
 */
export async function readCreditPositions(
  db: Queryable,
  keys: readonly PositionKey[],
): Promise<Array<CustomerCreditPosition | null>> {
  if (keys.length === 0) return [];
  const wanted = keys.map((_, i) => `SELECT ${i} AS i, ? AS code, ? AS cur`).join(' UNION ALL ');
  const rows = (await db.query(
    `SELECT q.i, CAST(q.id AS CHAR) AS id, q.code, q.status, q.currency,
            p.on_hold, p.hold_reason, p.risk_class, p.score,
            CAST(l.amount AS CHAR) AS credit_limit, l.over_limit_since,
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
       FROM (SELECT k.i, c.id, c.code, c.status, COALESCE(k.cur, c.currency) AS currency
               FROM (${wanted}) k JOIN customers c ON c.code = k.code) q
       LEFT JOIN credit_profiles p ON p.customer_id = q.id
       LEFT JOIN credit_limits l ON l.customer_id = q.id AND l.currency = q.currency`,
    [PeriodStatus.CLOSED, ...keys.flatMap((k) => [k.customerCode, k.currency])],
  )) as PositionRow[];
  const positions: Array<CustomerCreditPosition | null> = keys.map(() => null);
  for (const row of rows) positions[Number(row.i)] = positionOf(row);
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

function positionOf(row: PositionRow): CustomerCreditPosition {
  return {
    customerId: row.id,
    customerCode: row.code,
    currency: row.currency,
    balance: new Money(row.balance),
    disputed: new Money(row.disputed),
    openOrders: new Money(row.orders),
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
