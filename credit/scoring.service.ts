// The nightly credit scoring: measure every customer (set-based SQL), score (pure), keep the
// history and the latest class in one transaction, in statements of a few thousand rows.
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, SYSTEM_ACTORS } from '../contract/actor';
import { scoreBehaviour, SCORE_SCALES } from './score';
import { measureBehaviour } from './scoring-sql';

/** Rows per statement: one transaction (one commit) for the night, statements of bounded size. */
const BATCH = 2500;

export interface ScoringRun {
  asOf: string;
  customers: number;
  byClass: Record<string, number>;
  measureMs: number;
  writeMs: number;
}

/**
 * Scores every active customer as of `asOf`. Running again for the same day replaces that day's
 * scores (the history keeps one row per customer and day); the profile keeps the latest.
 */
export async function scoreAllCustomers(dataSource: DataSource, asOf: string): Promise<ScoringRun> {
  const started = Date.now();
  const behaviours = await measureBehaviour(dataSource, asOf, SCORE_SCALES.responseDays);
  const measured = Date.now();
  const currencies = new Map(
    (
      (await dataSource.query(`SELECT CAST(id AS CHAR) AS id, currency FROM customers`)) as Array<{
        id: string;
        currency: string;
      }>
    ).map((r) => [r.id, r.currency]),
  );
  const byClass: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
  const rows: unknown[][] = [];
  for (const [id, behaviour] of behaviours) {
    const result = scoreBehaviour(behaviour);
    byClass[result.riskClass] += 1;
    rows.push([
      id,
      asOf,
      result.score,
      result.riskClass,
      JSON.stringify(result.components),
      result.suggestedLimit.toFixed(),
      currencies.get(id) ?? null,
    ]);
  }
  await dataSource.transaction(async (manager) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await manager.query(
        `INSERT INTO credit_scores (customer_id, scored_on, score, risk_class, components, suggested_limit, suggested_currency)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE score = VALUES(score), risk_class = VALUES(risk_class), components = VALUES(components),
           suggested_limit = VALUES(suggested_limit), suggested_currency = VALUES(suggested_currency)`,
        batch.flat(),
      );
      // The profile keeps the latest day's: a re-run of an older day does not move it back.
      await manager.query(
        `INSERT INTO credit_profiles (customer_id, risk_class, score, scored_on)
         VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE
           risk_class = IF(scored_on IS NULL OR VALUES(scored_on) >= scored_on, VALUES(risk_class), risk_class),
           score = IF(scored_on IS NULL OR VALUES(scored_on) >= scored_on, VALUES(score), score),
           scored_on = IF(scored_on IS NULL OR VALUES(scored_on) >= scored_on, VALUES(scored_on), scored_on)`,
        batch.flatMap((r) => [r[0], r[3], r[2], r[1]]),
      );
    }
  });
  const run = {
    asOf,
    customers: rows.length,
    byClass,
    measureMs: measured - started,
    writeMs: Date.now() - measured,
  };
  await dataSource.transaction((manager) =>
    appendAudit(manager, {
      ...auditFields(SYSTEM_ACTORS.creditCheck),
      action: 'credit.scored',
      entityType: 'credit_scoring',
      entityId: asOf,
      before: null,
      after: { ...run },
    }),
  );
  return run;
}
