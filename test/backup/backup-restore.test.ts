import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { BackupErrorCode, restoreBackup, writeBackup, type BackupManifest } from '../../backup';
import { readManifest, sealManifest } from '../../backup/manifest';
import { dropDatabase } from '../../db/ensure-database';
import { knownMigrations } from '../../db/migration-list';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/database';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('recon backup and restore', () => {
  let db: TestDatabase;
  const root = mkdtempSync(path.join(os.tmpdir(), 'recon-backup-'));
  const backupDir = path.join(root, 'b1');
  const targets: string[] = [];
  let manifest: BackupManifest;
  const target = (suffix: string) => {
    const name = `${db.config.database}_${suffix}`.slice(0, 64);
    targets.push(name);
    return name;
  };
  const restoreInto = (name: string, dir = backupDir, force = false) =>
    restoreBackup({ db: db.config, dir, database: name, force });

  beforeAll(async () => {
    db = await createTestDatabase('backup');
    await seedCustomer(db.dataSource, 'BK1', CLEAN_LINES, CLEAN_LINES);
    await seedCustomer(
      db.dataSource,
      'BK2',
      [{ id: 'x', date: '2026-10-05', ref: 'INV-9', kind: 'INVOICE', amount: '0.01' }],
      [],
    );
    await db.dataSource.query(
      `INSERT INTO users (email, display_name, role, password_hash) VALUES ('b@recon.test', '备份 用户 \\'quoted\\' "x"', 'ADMIN', NULL)`,
    );
    manifest = await writeBackup({ db: db.config, outDir: backupDir, reconVersion: 'test' });
  });

  afterAll(async () => {
    for (const name of targets) await dropDatabase({ ...db.config, database: name });
    await db?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes a compressed snapshot whose manifest holds counts, balances, the audit head and the schema version', async () => {
    const [{ n }] = (await db.dataSource.query('SELECT COUNT(*) AS n FROM ledger_entries')) as Array<{
      n: string;
    }>;
    expect(manifest.rowCounts.ledger_entries).toBe(Number(n));
    expect(manifest.rowCounts.customers).toBe(2);
    expect(manifest.balances).toEqual([
      { customerCode: 'BK1', currency: 'CNY', balance: '300.2500' },
      { customerCode: 'BK2', currency: 'CNY', balance: '0.0100' },
    ]);
    const [head] = (await db.dataSource.query(
      'SELECT CAST(last_event_id AS CHAR) AS id, last_hash AS hash FROM audit_chain_head',
    )) as Array<{ id: string; hash: string }>;
    expect(manifest.auditChainHead).toEqual({ lastEventId: head.id, lastHash: head.hash });
    expect(manifest.schemaVersion).toBe(knownMigrations().at(-1)!.name);
    expect(readManifest(readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'))).toEqual(manifest);
    const ledger = manifest.files.find((f) => f.path === 'tables/ledger_entries.jsonl.gz')!;
    const file = readFileSync(path.join(backupDir, ledger.path));
    expect(sha256(file)).toBe(ledger.sha256);
    expect(gunzipSync(file).toString('utf8').trim().split('\n')).toHaveLength(Number(n) + 1);
  });

  it('restores into a new database and verifies it: same rows, balances to the cent, audit chain intact', async () => {
    const name = target('r1');
    const report = await restoreInto(name);
    expect(report).toMatchObject({ balances: 2, migratedTo: null });
    expect(report.auditEventsVerified).toBeGreaterThan(0);
    for (const table of ['ledger_entries', 'customers', 'users', 'audit_events', 'statement_lines']) {
      const original = await db.dataSource.query(`SELECT * FROM ${table} ORDER BY id`);
      const restored = await db.dataSource.query(`SELECT * FROM \`${name}\`.${table} ORDER BY id`);
      expect(restored).toEqual(original);
    }
    // Every trigger comes back: the audit log's guards and the credit exposure's version bumps.
    const triggersOf = async (schema: string) =>
      (
        (await db.dataSource.query(
          'SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY 1',
          [schema],
        )) as Array<{ name: string }>
      ).map((t) => t.name);
    const [[{ source }]] = [
      (await db.dataSource.query('SELECT DATABASE() AS source')) as Array<{ source: string }>,
    ];
    const restoredTriggers = await triggersOf(name);
    expect(restoredTriggers).toEqual(await triggersOf(source));
    expect(restoredTriggers).toEqual(
      expect.arrayContaining(['audit_events_no_delete', 'audit_events_no_update']),
    );
  });

  it('never overwrites a database with tables unless forced', async () => {
    const name = target('r2');
    await restoreInto(name);
    await expect(restoreInto(name)).rejects.toMatchObject({ code: BackupErrorCode.TARGET_NOT_EMPTY });
    await expect(restoreInto(name, backupDir, true)).resolves.toMatchObject({ balances: 2 });
  });

  it('refuses a backup from a newer schema', async () => {
    const dir = path.join(root, 'newer');
    cpSync(backupDir, dir, { recursive: true });
    const { checksum: _, ...rest } = manifest;
    const future = sealManifest({
      ...rest,
      migrations: [...manifest.migrations, 'FromTheFuture9999999999999'],
      schemaVersion: 'FromTheFuture9999999999999',
    });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(future));
    await expect(restoreInto(target('r3'), dir)).rejects.toMatchObject({
      code: BackupErrorCode.NEWER_SCHEMA,
      message: expect.stringContaining('FromTheFuture9999999999999'),
    });
  });

  it('refuses a corrupted file or manifest before writing anything', async () => {
    const dir = path.join(root, 'corrupt');
    cpSync(backupDir, dir, { recursive: true });
    const file = path.join(dir, 'tables/customers.jsonl.gz');
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([0])]));
    const name = target('r4');
    await expect(restoreInto(name, dir)).rejects.toMatchObject({ code: BackupErrorCode.CORRUPT });
    const exists = await db.dataSource.query(
      'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [name],
    );
    expect(exists).toEqual([]);

    const edited = path.join(root, 'edited-manifest');
    cpSync(backupDir, edited, { recursive: true });
    writeFileSync(path.join(edited, 'manifest.json'), JSON.stringify({ ...manifest, balances: [] }));
    await expect(restoreInto(target('r5'), edited)).rejects.toMatchObject({ code: BackupErrorCode.CORRUPT });
  });

  it('catches data that does not match the manifest even when the checksums were recomputed', async () => {
    const dir = path.join(root, 'forged');
    cpSync(backupDir, dir, { recursive: true });
    const relative = 'tables/ledger_entries.jsonl.gz';
    const text = gunzipSync(readFileSync(path.join(dir, relative))).toString('utf8');
    const forged = gzipSync(Buffer.from(text.replace('"1200.5000"', '"1200.5100"')));
    expect(forged.length).toBeGreaterThan(0);
    writeFileSync(path.join(dir, relative), forged);
    const { checksum: _, ...rest } = manifest;
    const resealed = sealManifest({
      ...rest,
      files: manifest.files.map((f) =>
        f.path === relative ? { ...f, sha256: sha256(forged), bytes: forged.length } : f,
      ),
    });
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(resealed));
    await expect(restoreInto(target('r6'), dir)).rejects.toMatchObject({
      code: BackupErrorCode.VERIFY_FAILED,
      message: expect.stringContaining('balance of BK1 CNY: 300.2600, the backup has 300.2500'),
    });
  });

  it('refuses to write into a folder that is not empty', async () => {
    await expect(writeBackup({ db: db.config, outDir: backupDir })).rejects.toMatchObject({
      code: BackupErrorCode.OUTPUT_EXISTS,
    });
  });
});
