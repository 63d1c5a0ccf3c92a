// A customer's credit position in one currency, in one statement: the credit check's hot read.
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

/**
 * One statement, every part by an index: the customer by code, its profile and limit by key, the
 * balance over the ledger's (customer, date) index, disputed invoices of periods still open and
 * reported orders. Nothing is cached, so a ledger entry or a limit committed a moment ago is in the
 * next answer. `currency` null: the customer's own.
 */
export async function readCreditPosition(
  db: Queryable,
  customerCode: string,
  currency: string | null,
): Promise<CustomerCreditPosition | null> {
  const rows = (await db.query(
    `SELECT CAST(c.id AS CHAR) AS id, c.code, c.status, x.currency,
            p.on_hold, p.hold_reason, p.risk_class, p.score,
            CAST(l.amount AS CHAR) AS credit_limit, l.over_limit_since,
            (SELECT CAST(COALESCE(SUM(e.amount), 0) AS CHAR) FROM ledger_entries e
              WHERE e.customer_id = c.id AND e.currency = x.currency) AS balance,
            (SELECT CAST(COALESCE(SUM(e.amount), 0) AS CHAR) FROM ledger_entries e
              WHERE e.customer_id = c.id AND e.currency = x.currency AND e.amount > 0 AND e.id IN (
                SELECT d.ledger_entry_id FROM reconciliation_periods rp
                  JOIN customer_confirmations cc ON cc.period_id = rp.id
                  JOIN disputed_lines d ON d.confirmation_id = cc.id
                 WHERE rp.customer_id = c.id AND rp.status <> ? AND d.ledger_entry_id IS NOT NULL)) AS disputed,
            (SELECT CAST(COALESCE(SUM(o.amount), 0) AS CHAR) FROM credit_open_orders o
              WHERE o.customer_id = c.id AND o.currency = x.currency) AS orders
       FROM customers c
       JOIN (SELECT COALESCE(?, (SELECT currency FROM customers WHERE code = ?)) AS currency) x
       LEFT JOIN credit_profiles p ON p.customer_id = c.id
       LEFT JOIN credit_limits l ON l.customer_id = c.id AND l.currency = x.currency
      WHERE c.code = ?`,
    [PeriodStatus.CLOSED, currency, customerCode, customerCode],
  )) as Array<{
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
  }>;
  const row = rows[0];
  if (!row) return null;
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
