import { readdirSync } from 'node:fs';
import path from 'node:path';
import { AuditEvent } from '../../entities/audit-event.entity';
import { ActorType } from '../../contract/enums';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the migrated schema', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('schema');
  });

  afterAll(() => db.drop());

  it('matches the entities exactly: migrations and code never drift', async () => {
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('was built by migrations, not synchronize', async () => {
    expect(db.dataSource.options.synchronize).toBe(false);
    const rows = (await db.dataSource.query(
      'SELECT name FROM schema_migrations ORDER BY timestamp',
    )) as Array<{ name: string }>;
    const files = readdirSync(path.resolve(__dirname, '../../db/migrations'))
      .filter((file) => file.endsWith('.ts'))
      .sort()
      .map((file) => file.replace(/^(\d+)-(\w+)\.ts$/, '$2$1'));
    expect(rows.map((row) => row.name)).toEqual(files);
    expect(files[0]).toMatch(/^InitialSchema\d+$/);
  });

  it('has the indexes the API queries need', async () => {
    const indexes = (await db.dataSource.query(
      `SELECT table_name AS t, index_name AS i, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS cols
         FROM information_schema.statistics WHERE table_schema = DATABASE() GROUP BY table_name, index_name`,
    )) as Array<{ t: string; i: string; cols: string }>;
    const has = (table: string, cols: string) => indexes.some((row) => row.t === table && row.cols === cols);
    expect(has('tasks', 'queue,status,due_at')).toBe(true);
    // My work's counts per kind without reading the table (TaskQueueKindIndex).
    expect(has('tasks', 'queue,status,type,due_at,priority,id')).toBe(true);
    expect(has('reconciliation_periods', 'status,customer_id')).toBe(true);
    expect(has('reconciliation_periods', 'customer_id,period_start,period_end')).toBe(true);
    expect(has('ledger_entries', 'customer_id,entry_date')).toBe(true);
    expect(has('ledger_entries', 'source,external_id')).toBe(true);
  });

  it('refuses to edit or delete audit events', async () => {
    await db.dataSource.getRepository(AuditEvent).insert({
      occurredAt: new Date(),
      actorType: ActorType.SYSTEM,
      actorId: 'test',
      action: 'test',
      entityType: 'test',
      entityId: '1',
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    });
    await expect(db.dataSource.query("UPDATE audit_events SET action = 'forged'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.dataSource.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
  });
});
