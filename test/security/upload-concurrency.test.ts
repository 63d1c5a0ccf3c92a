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

const MiB = 1024 * 1024;
const BOUNDARY = 'held-upload';
const PREAMBLE =
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="customerCode"\r\n\r\nBIG\r\n` +
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n` +
  'Content-Type: text/csv\r\n\r\nDate,Document,Amount\r\n';

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { error?: { code: string; message: string; limit?: string } };
}

/**
 * Concurrent uploads are bounded per caller, per process and in their temporary bytes: each upload
 * sits on disk until it is read, so a few large ones at once could fill the disk (they were
 * received however many came).
 */
describe('upload slots: concurrent uploads cannot fill the disk', () => {
  let db: TestDatabase;
  let pool: Pool;
  let api: RunningApi;
  let uploadDir: string;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase('upload_slots');
    pool = createImportPool(db.config);
    uploadDir = await mkdtemp(path.join(os.tmpdir(), 'recon-slots-'));
    api = await startApiServer({
      dataSource: db.dataSource,
      periods: undefined as never,
      temporalHealthy: async () => true,
      auth: TEST_SECRETS,
      host: '127.0.0.1',
      port: 0,
      maxBodyBytes: 64 * 1024,
      maxUploadBytes: 2 * MiB,
      uploadDir,
      // Held uploads stay open as long as the test needs (upload-pace.test.ts tests the pace).
      uploadLimits: {
        perProcess: 2,
        perCaller: 1,
        tempBytes: 2.5 * MiB,
        bodyPace: { windowMs: 600_000, minBytes: 1 },
      },
      importPool: pool,
      webhooks: false,
    });
    await db.dataSource.getRepository(Customer).save({ code: 'BIG', name: '大客户', currency: 'CNY' });
    tokens = await staffTokens(db.dataSource, [
      ['anna', UserRole.CLERK],
      ['bo', UserRole.CLERK],
      ['cai', UserRole.CLERK],
    ]);
  });

  afterAll(async () => {
    await api?.stop();
    await pool?.end();
    await db?.drop();
    if (uploadDir) await rm(uploadDir, { recursive: true, force: true });
  });

  /** An upload whose body is sent in part and held open (declared length, or chunked without one). */
  function open(authorization: string, declared?: number) {
    const req = http.request(`${api.url}/imports/statements`, {
      method: 'POST',
      headers: {
        authorization,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        ...(declared === undefined ? {} : { 'content-length': String(declared) }),
      },
    });
    const answer = new Promise<Answer>((resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body: text ? (JSON.parse(text) as Answer['body']) : {},
          });
        });
      });
      req.on('error', reject);
    });
    answer.catch(() => undefined);
    req.write(PREAMBLE);
    req.write('2026-10-03,INV-1,1.00\r\n'.repeat(100));
    return { req, answer };
  }

  /** Uploads being received: each has its folder in the upload directory while it lasts. */
  async function receiving(count: number) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const folders = (await readdir(uploadDir)).filter((name) => name.startsWith('upload-'));
      if (folders.length === count) return;
      if (Date.now() > deadline) throw new Error(`expected ${count} uploads, saw ${folders.length}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const small = (authorization: string) => {
    const form = new FormData();
    form.append('customerCode', 'BIG');
    form.append('template', '{}');
    form.append('file', new Blob(['Date,Amount\n2026-10-03,1.00\n']), 'small.csv');
    return fetch(`${api.url}/imports/statements`, { method: 'POST', body: form, headers: { authorization } });
  };
  const refusal = async (response: Response) => ({
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    ...(((await response.json()) as { error?: { code: string; limit?: string } }).error ?? {}),
  });

  it('refuses a caller’s second upload at once, then the process’s third, then one that would overfill the temporary space', async () => {
    const anna = open(tokens.anna!, 1 * MiB);
    await receiving(1);

    // Anna's second file while her first is still coming: refused before a byte is read.
    expect(await refusal(await small(tokens.anna!))).toMatchObject({
      status: 429,
      retryAfter: '10',
      code: 'TOO_MANY_UPLOADS',
      limit: 'PER_CALLER',
    });

    // Bo sends a file without a declared length: it reserves the whole file limit (2 MiB), and
    // with Anna's 1 MiB that is over the 2.5 MiB of temporary space.
    const boChunked = open(tokens.bo!);
    expect(await boChunked.answer).toMatchObject({
      status: 429,
      body: { error: { code: 'TOO_MANY_UPLOADS', limit: 'TEMP_BYTES' } },
    });
    boChunked.req.destroy();

    // With a declared 1 MiB it fits, and the process is then receiving its two.
    const bo = open(tokens.bo!, 1 * MiB);
    await receiving(2);
    expect(await refusal(await small(tokens.cai!))).toMatchObject({
      status: 429,
      code: 'TOO_MANY_UPLOADS',
      limit: 'PER_PROCESS',
    });

    // An upload that ends (here: the client gave up) gives its slot back.
    bo.req.destroy();
    await receiving(1);
    const cai = await small(tokens.cai!);
    expect(cai.status).not.toBe(429);
    anna.req.destroy();
    await receiving(0);
    expect((await small(tokens.anna!)).status).not.toBe(429);

    // Every refusal is on the record as the caller's REFUSED attempt.
    const refused = (await db.dataSource.query(
      "SELECT actor_id AS actorId, after_state AS after FROM audit_events WHERE action = 'statement.upload' ORDER BY id",
    )) as Array<{ actorId: string; after: string | { outcome: string; code: string | null } }>;
    const codes = refused
      .map((row) =>
        typeof row.after === 'string' ? (JSON.parse(row.after) as { code: string | null }) : row.after,
      )
      .filter((after) => after.code === 'TOO_MANY_UPLOADS');
    expect(codes).toHaveLength(3);
  });
});
