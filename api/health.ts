import type { DataSource } from 'typeorm';

export interface Health {
  ok: boolean;
  database: boolean;
  temporal: boolean;
}

/** How long one check answers every caller (GraphQL `health` and `GET /health` alike). */
export const HEALTH_TTL_MS = 1_000;

/**
 * Liveness of the database and Temporal, checked at most once per `ttlMs` however many callers ask:
 * concurrent callers share the check in flight, later ones the last answer. `health` answers
 * anonymously, so it must not turn a burst of requests into a burst of database and Temporal calls.
 */
export function cachedHealthCheck(
  dataSource: DataSource,
  temporalHealthy: () => Promise<boolean>,
  ttlMs = HEALTH_TTL_MS,
): () => Promise<Health> {
  let last: { at: number; answer: Promise<Health> } | undefined;
  const check = async (): Promise<Health> => {
    const [database, temporal] = await Promise.all([
      dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      temporalHealthy().catch(() => false),
    ]);
    return { ok: database && temporal, database, temporal };
  };
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= ttlMs) last = { at: now, answer: check() };
    return last.answer;
  };
}
