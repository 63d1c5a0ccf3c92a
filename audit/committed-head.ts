import type { DataSource, EntityManager } from 'typeorm';

/**
 * The id of the latest committed audit event (0 before the first). Appends are serialised by the
 * chain head's row lock, so every event with this id or lower is committed: a read that starts
 * after this answer sees all of them. A page that reads again after its own action skips the live
 * events up to here instead of reading a second time.
 */
export async function committedEventHead(db: DataSource | EntityManager): Promise<string> {
  const [row] = (await db.query(
    'SELECT CAST(COALESCE(last_event_id, 0) AS CHAR) AS id FROM audit_chain_head WHERE id = 1',
  )) as Array<{ id: string }>;
  return row?.id ?? '0';
}
