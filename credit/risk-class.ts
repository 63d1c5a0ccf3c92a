// A customer's risk class (A best … D worst) from its latest nightly score, by primary key.
import type { DataSource, EntityManager } from 'typeorm';
import { RiskClass } from '../contract/credit/enums';
import { UNSCORED_RISK_CLASS } from '../contract/credit/score';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

const CLASSES = new Set<string>(Object.values(RiskClass));

const classOf = (value: string | null | undefined): RiskClass =>
  value && CLASSES.has(value) ? (value as RiskClass) : UNSCORED_RISK_CLASS;

/** The risk class of one customer; B (UNSCORED_RISK_CLASS) until it has been scored. */
export async function riskClassOf(db: Queryable, customerId: string): Promise<RiskClass> {
  return (await riskClassesOf(db, [customerId])).get(customerId) ?? UNSCORED_RISK_CLASS;
}

/** Risk classes of several customers in one read; every id asked for is in the map. */
export async function riskClassesOf(
  db: Queryable,
  customerIds: readonly string[],
): Promise<Map<string, RiskClass>> {
  const result = new Map<string, RiskClass>(customerIds.map((id) => [id, UNSCORED_RISK_CLASS]));
  if (customerIds.length === 0) return result;
  const rows = (await db.query(
    'SELECT CAST(customer_id AS CHAR) AS customer_id, risk_class FROM credit_profiles WHERE customer_id IN (?)',
    [customerIds],
  )) as Array<{ customer_id: string; risk_class: string | null }>;
  for (const row of rows) result.set(row.customer_id, classOf(row.risk_class));
  return result;
}
