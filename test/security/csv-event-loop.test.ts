import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { RunningApi } from '../../api/server';
import { startUploadApi, type UploadApi } from '../support/upload-api';

/**
 * #17.5: a big CSV upload is decoded and parsed off the API thread (a parse thread, shared with
 * .xlsx), and its rows are mapped one batch per turn of the event loop, so the loop everyone else is
 * answered on keeps turning (before: a 21 MiB CSV stalled it 2.7 s here, a 99 MiB one 2.2 s on the
 * demo). Over HTTP on the real API and MariaDB; curl sends the file from another process, so the
 * test's own client work is not counted against the API.
 */

jest.setTimeout(300_000);

const ROWS = 250_000;
/**
 * The longest the upload may stall the event loop beyond what the machine itself stalls it. Parsed
 * on the API thread the file stalled it 2.2–2.7 s; the bound leaves room for a machine shared by
 * parallel test files (a busy window of ~15 s meets worse scheduling than the 3 s idle one).
 */
const MAX_STALL_MS = 500;
const TEMPLATE = {
  columns: { date: '日期', docNo: '单号', description: '摘要' },
  amount: { column: '金额' },
};
const execFileAsync = promisify(execFile);

let uploads: UploadApi;
let api: RunningApi;
let clerk: string;

beforeAll(async () => {
  uploads = await startUploadApi('csv-loop');
  ({ api, clerk } = uploads);
});

afterAll(() => uploads?.stop());

function writeBigCsv(rows: number): { file: string; bytes: number } {
  const parts = ['日期,单号,摘要,金额\n'];
  for (let i = 1; i <= rows; i += 1)
    parts.push(
      `2026-10-${String((i % 28) + 1).padStart(2, '0')},INV-${i},"货款 payment, batch ${i % 97}",${i % 1000}.25\n`,
    );
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'recon-csv-loop-')), 'big.csv');
  const text = Buffer.from(parts.join(''));
  writeFileSync(file, text);
  return { file, bytes: text.length };
}

/** curl, in a process of its own: multipart encoding and sending are not this thread's work. */
async function uploadWithCurl(file: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { stdout } = await execFileAsync(
    'curl',
    [
      '-sS',
      '-w',
      '\n%{http_code}',
      '-H',
      `authorization: ${clerk}`,
      '-F',
      'customerCode=BIG',
      '-F',
      `template=${JSON.stringify(TEMPLATE)}`,
      '-F',
      'periodStart=2026-10-01',
      '-F',
      'periodEnd=2026-10-31',
      '-F',
      `file=@${file};filename=big.csv`,
      `${api.url}/imports/statements`,
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const at = stdout.lastIndexOf('\n');
  return {
    status: Number(stdout.slice(at + 1)),
    body: JSON.parse(stdout.slice(0, at)) as Record<string, unknown>,
  };
}

async function me(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: clerk },
    body: JSON.stringify({ query: '{ me { kind } }' }),
  });
  const body = (await response.json()) as { data?: { me: { kind: string } } };
  expect(body.data?.me.kind).toBeTruthy();
  return performance.now() - started;
}

/** `me` every 50 ms while `during` runs; the event loop's longest stall meanwhile. */
async function askMeDuring(during: Promise<unknown>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const answers: number[] = [];
  let running = true;
  void during.finally(() => (running = false));
  delay.enable();
  while (running) {
    answers.push(await me());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  delay.disable();
  return { maxDelayMs: delay.max / 1e6, answers };
}

test('a big CSV upload leaves the event loop free: the API answers `me` meanwhile', async () => {
  const { file, bytes } = writeBigCsv(ROWS);
  // The shared test machine delays timers by itself: measured first, with nothing uploading.
  const idle = await askMeDuring(new Promise((resolve) => setTimeout(resolve, 3000)));
  const started = performance.now();
  const uploaded = uploadWithCurl(file);
  const busy = await askMeDuring(uploaded);
  const result = await uploaded;
  console.log(
    `CSV of ${(bytes / 2 ** 20).toFixed(1)} MiB (${ROWS} rows) imported in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `max event-loop delay ${busy.maxDelayMs.toFixed(0)} ms (idle: ${idle.maxDelayMs.toFixed(0)} ms); ` +
      `${busy.answers.length} \`me\` answers, slowest ${Math.max(...busy.answers).toFixed(0)} ms`,
  );
  expect(result.status).toBe(201);
  expect(result.body).toMatchObject({ status: 'IMPORTED', lineCount: ROWS });
  expect(busy.answers.length).toBeGreaterThan(3);
  expect(busy.maxDelayMs).toBeLessThan(MAX_STALL_MS + idle.maxDelayMs);
});
