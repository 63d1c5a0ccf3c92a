import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'mysql2/promise';
import { createImportPool } from '../../api/imports/import-pool';
import { startApiServer, type RunningApi } from '../../api/server';
import { UserRole } from '../../contract/enums';
import { Customer } from '../../entities/customer.entity';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { staffTokens, TEST_SECRETS } from '../support/harness-api';

const BOUNDARY = 'slow-upload';
const PREAMBLE =
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="customerCode"\r\n\r\nSLOW\r\n` +
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\n` +
  'Content-Type: text/csv\r\n\r\nDate,Document,Amount\r\n';

/**
 * Slow clients (#17 probe): an upload takes one of the process's few slots before its body is read.
 * A body that stalled after its first bytes held its slot until Node's request timeout (5 minutes),
 * so a caller (a customer's link included) opening uploads and sending nothing more kept the
 * process's uploads refused `TOO_MANY_UPLOADS`, again and again. Below the pace (here 1 KiB a
 * second) the connection is closed, the attempt audited as ABORTED, and the slot is free again.
 */
describe('a stalled or trickling upload body gives its slot back', () => {
  let db: TestDatabase;
  let pool: Pool;
  let api: RunningApi;
  let uploadDir: string;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('upload_pace');
    pool = createImportPool(db.config);
    uploadDir = await mkdtemp(path.join(os.tmpdir(), 'recon-pace-'));
    api = await startApiServer({
      dataSource: db.dataSource,
      periods: undefined as never,
      temporalHealthy: async () => true,
      auth: TEST_SECRETS,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 64 * 1024,
      maxUploadBytes: 2 * 1024 * 1024,
      uploadDir,
      uploadLimits: {
        perProcess: 3,
        perCaller: 3,
        tempBytes: 64 * 1024 * 1024,
        bodyPace: { windowMs: 1_000, minBytes: 1024 },
      },
      importPool: pool,
      webhooks: false,
    });
    await db.dataSource.getRepository(Customer).save({ code: 'SLOW', name: '慢客户', currency: 'CNY' });
    tokens = await staffTokens(db.dataSource, [
      ['slow', UserRole.CLERK],
      ['quick', UserRole.CLERK],
    ]);
  });

  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await db?.drop();
    if (uploadDir) await rm(uploadDir, { recursive: true, force: true });
  });

  /** Starts an upload of a declared 1 MiB, sends its first bytes, then `trickle` bytes a second. */
  function slowUpload(authorization: string, trickle: number) {
    const req = http.request(`${api.url}/imports/statements`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(1024 * 1024),
      },
    });
    const closed = new Promise<string>((resolve) => {
      req.on('response', (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    req.write(PREAMBLE);
    const timer = setInterval(() => {
      if (trickle > 0 && !req.destroyed)
        req.write('2026-10-03,INV-1,1.00\r\n'.repeat(Math.ceil(trickle / 23)).slice(0, trickle));
    }, 1_000);
    void closed.then(() => clearInterval(timer));
    return { req, closed, stop: () => (clearInterval(timer), req.destroy()) };
  }

  const folders = async () => (await readdir(uploadDir)).filter((name) => name.startsWith('upload-')).length;
  const small = (authorization: string) => {
    const form = new FormData();
    form.append('customerCode', 'SLOW');
    form.append('template', '{}');
    form.append('file', new Blob(['Date,Amount\n2026-10-03,1.00\n']), 'small.csv');
    return fetch(`${api.url}/imports/statements`, { method: 'POST', body: form, headers: { authorization } });
  };

  it('closes a body that stalls, or trickles below the pace, keeps one that keeps it, and frees the slots', async () => {
    const stalled = slowUpload(tokens.slow!, 0);
    const trickling = slowUpload(tokens.slow!, 100);
    const steady = slowUpload(tokens.slow!, 4096); // above the pace: kept
    const started = Date.now();
    try {
      // The process's slots are held: a quick caller is refused while they last.
      for (const deadline = Date.now() + 10_000; (await folders()) < 3 && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await small(tokens.quick!)).status).toBe(429);
      // Before: neither ended for Node's 5 minutes, and every other upload was refused meanwhile.
      const ends = await Promise.race([
        Promise.all([stalled.closed, trickling.closed]),
        new Promise<string>((resolve) => setTimeout(() => resolve('still open after 15 s'), 15_000)),
      ]);
      expect(ends).toEqual(['ECONNRESET', 'ECONNRESET']);
      expect(Date.now() - started).toBeLessThan(10_000);
      // The body that keeps the pace is still being received.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await Promise.race([steady.closed, Promise.resolve('open')])).toBe('open');
      expect(await folders()).toBe(1);
    } finally {
      steady.stop();
      stalled.stop();
      trickling.stop();
    }
    for (const deadline = Date.now() + 5_000; (await folders()) > 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await folders()).toBe(0);
    expect((await small(tokens.quick!)).status).not.toBe(429);
    const aborted = (await db.dataSource.query(
      "SELECT after_state AS after FROM audit_events WHERE action = 'statement.upload'",
    )) as Array<{ after: string | { outcome: string } }>;
    const outcomes = aborted.map(
      (row) =>
        (typeof row.after === 'string' ? (JSON.parse(row.after) as { outcome: string }) : row.after).outcome,
    );
    // The two closed for their pace, and the steady one the test hung up.
    expect(outcomes.filter((outcome) => outcome === 'ABORTED')).toHaveLength(3);
  });
});
