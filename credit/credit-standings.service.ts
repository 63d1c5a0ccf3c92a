// Every customer's credit standing now: limit, exposure, hold, latest score with its components.
// The Credit page and the credit review report read it.
import type { DataSource } from 'typeorm';
import { UNSCORED_RISK_CLASS, type ScoreComponent } from '../contract/credit/score';
import type { CreditStanding } from './credit-standing';
import { exposureOf } from './credit-check';
import { readCreditPositions } from './credit-position';

export type { CreditStanding };

/** Positions read per statement (each a few indexed sub-reads). */
const CHUNK = 500;

const amount = (value: { toFixed(dp: number): string } | null) => (value === null ? null : value.toFixed(2));

/** Largest page of standings. */
export const MAX_STANDINGS = 500;

/**
 * Customers by code (from `after`, at most `first`), each with its limit and exposure in its own
 * currency (or `currency`) read exactly as the credit check reads them, beside its latest nightly
 * score with every component. `first` unset: every customer (the report).
 */
export async function creditStandings(
  dataSource: DataSource,
  options: { customerCode?: string; currency?: string; after?: string; first?: number } = {},
): Promise<CreditStanding[]> {
  const customers = (await dataSource.query(
    `SELECT c.code, c.name, s.components, CAST(s.suggested_limit AS CHAR) AS suggested, p.scored_on
       FROM customers c
       LEFT JOIN credit_profiles p ON p.customer_id = c.id
       LEFT JOIN credit_scores s ON s.customer_id = c.id AND s.scored_on = p.scored_on
      WHERE (? IS NULL OR c.code = ?) AND (? IS NULL OR c.code > ?)
      ORDER BY c.code${options.first === undefined ? '' : ' LIMIT ?'}`,
    [
      options.customerCode ?? null,
      options.customerCode ?? null,
      options.after ?? null,
      options.after ?? null,
      ...(options.first === undefined ? [] : [options.first]),
    ],
  )) as Array<{
    code: string;
    name: string;
    components: string | ScoreComponent[] | null;
    suggested: string | null;
    scored_on: string | null;
  }>;
  const rows: CreditStanding[] = [];
  for (let i = 0; i < customers.length; i += CHUNK) {
    const chunk = customers.slice(i, i + CHUNK);
    const positions = await readCreditPositions(
      dataSource,
      chunk.map((c) => ({ customerCode: c.code, currency: options.currency ?? null })),
    );
    chunk.forEach((customer, n) => {
      const position = positions[n];
      if (!position) return; // removed between the two reads
      const { exposure } = exposureOf(position);
      const components =
        typeof customer.components === 'string'
          ? (JSON.parse(customer.components) as ScoreComponent[])
          : (customer.components ?? []);
      rows.push({
        customerCode: customer.code,
        customerName: customer.name,
        currency: position.currency,
        limit: amount(position.limit),
        exposure: exposure.toFixed(2),
        available: position.limit === null ? null : position.limit.minus(exposure).toFixed(2),
        score: position.score,
        scoredOn: customer.scored_on,
        riskClass: position.score === null ? UNSCORED_RISK_CLASS : position.riskClass,
        components: components.map((c) => ({ ...c })),
        suggestedLimit: customer.suggested,
        onHold: position.onHold,
        holdReason: position.holdReason,
      });
    });
  }
  return rows;
}
