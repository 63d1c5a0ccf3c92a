import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { Client, Connection } from '@temporalio/client';
import type { BrowserContext, ConsoleMessage, Locator, Page, Request, Response } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/passwords';
import { PeriodService } from '../periods/period.service';
import { choosePort } from '../temporal/dev-server';
import {
  BENCH_AUDIT_CHAIN_KEY,
  databaseUrl,
  startApiProcess,
  startPackageScript,
  stopProcess,
} from './_api-process';
import { seedApiBench, settleSeed } from './_api-seed';
import { openBenchEnvironment } from './_bench-environment';
import { launchChromium } from './_chromium';
import { numberArg, printResult } from './_cli';
import { seedLargePeriod } from './_web-seed';
import { webServerPart } from './_web-server-part';
import { loadavg } from 'node:os';

export interface WebBenchOptions {
  /** Lines per side of the big period. */
  lines: number;
  /** Tasks in the database (those of the API benchmark's seed). */
  tasks: number;
  /** Timed navigations / match round trips of each kind; the median is reported. */
  rounds: number;
  log?: (message: string) => void;
}

export interface WebBenchResult {
  bench: 'web';
  periodLines: number;
  /** Navigation to the period page until its bridge and the first rows of both sides are visible. */
  periodPageMs: number;
  tasks: number;
  /** Navigation to My work until its first task rows and the counts are visible. */
  inboxMs: number;
  /** Confirming a manual 1:1 match until the line has left the unmatched rows (mutation, Update, reload). */
  matchRoundTripMs: number;
  /** Every script the sign-in page loads, gzipped (as the server sends them). */
  initialJsKbGzip: number;
  /** Every script loaded from the sign-in page until My work shows after signing in. */
  signedInJsKbGzip: number;
  /** The server's part of each (bench/_web-server-part.ts): the pages' operations with no browser. */
  periodServerMs: number;
  inboxServerMs: number;
  matchServerMs: number;
  /** The machine's 1-minute load average at each measurement (shared machine: read the figures with it). */
  loadAverage: { min: number; max: number };
  rounds: number;
}

const TOKEN_SECRET = 'bench-token-secret-'.padEnd(40, 'x');
const LINK_SECRET = 'bench-link-secret-'.padEnd(40, 'x');
const TASK_QUEUE = 'recon-web-bench';
const PASSWORD = 'bench-web-password';
const BIG_CUSTOMER = 'WEB5K';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round1 = (value: number) => Math.round(value * 10) / 10;

/** The milliseconds `action` takes to finish (it ends when what is measured is on screen). */
async function timed(action: () => Promise<unknown>): Promise<number> {
  const begin = performance.now();
  await action();
  return performance.now() - begin;
}

/** The API's seed's sizes for a task count: ten monthly periods per customer, ~100 tasks per customer. */
function taskSeedSize(tasks: number) {
  const customers = Math.max(1, Math.round(tasks / 100));
  return { customers, periods: customers * 10, tasks, clerks: 40, managers: 10 };
}

async function waitForPeriodStatus(
  dataSource: DataSource,
  workflowId: string,
  status: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = (await dataSource.query(
      'SELECT CAST(id AS CHAR) AS id, status FROM reconciliation_periods WHERE workflow_id = ?',
      [workflowId],
    )) as Array<{ id: string; status: string }>;
    if (row?.status === status) return row.id;
    if (Date.now() > deadline) throw new Error(`${workflowId} never reached ${status}; it is ${row?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The gzipped size of every script a page loads while `load` runs: each body compressed at level
 * 9, as the server precompresses its assets (api/web-app/web-app.ts).
 */
async function scriptBytesGzipped(page: Page, load: () => Promise<unknown>): Promise<number> {
  const bodies: Array<Promise<number>> = [];
  const seen = new Set<string>();
  const onResponse = (response: Response) => {
    if (response.request().resourceType() !== 'script' || seen.has(response.url())) return;
    seen.add(response.url());
    bodies.push(response.body().then((body) => gzipSync(body, { level: 9 }).length));
  };
  page.on('response', onResponse);
  try {
    await load();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  const sizes = await Promise.all(bodies);
  if (!sizes.length) throw new Error('the page loaded no script');
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * With BENCH_VERBOSE set, where a navigation's time went: each request's start and end (ms from
 * the navigation), printed once the page shows.
 */
function traceRequests(page: Page, log: (message: string) => void): () => void {
  if (!process.env.BENCH_VERBOSE) return () => undefined;
  const begin = performance.now();
  const started = new Map<Request, number>();
  const lines: string[] = [];
  const at = () => Math.round(performance.now() - begin);
  const onRequest = (request: Request) => started.set(request, at());
  const onFinished = (request: Request) => {
    const body = request.postData();
    const operation = body ? (/"operationName":"(\w+)"/.exec(body)?.[1] ?? '') : '';
    lines.push(`  ${started.get(request)}–${at()} ms ${new URL(request.url()).pathname} ${operation}`);
  };
  // The page's own marks (`console.debug('bench: …')`): e.g. when the click reached the page.
  const onConsole = (message: ConsoleMessage) => {
    if (message.text().startsWith('bench: ')) lines.push(`  ${at()} ms ${message.text()}`);
  };
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  page.on('console', onConsole);
  return () => {
    page.off('request', onRequest);
    page.off('requestfinished', onFinished);
    page.off('console', onConsole);
    log(`${page.url()} shown at ${at()} ms:\n${lines.join('\n')}`);
  };
}

/**
 * With BENCH_PROFILE=PREFIX, the page's main-thread JavaScript profile (Chrome DevTools' CPU profile,
 * 200 µs samples) of what is timed, written to PREFIX-NAME.cpuprofile; otherwise nothing.
 */
async function profileOf(page: Page): Promise<(name: string) => Promise<void>> {
  const prefix = process.env.BENCH_PROFILE;
  if (!prefix) return async () => undefined;
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return async (name) => {
    const { profile } = await session.send('Profiler.stop');
    writeFileSync(`${prefix}-${name.replace(/\W+/g, '_')}.cpuprofile`, JSON.stringify(profile));
  };
}

/**
 * With BENCH_VERBOSE, the page's main-thread CPU until shown (Chrome's Performance domain in
 * thread time: the renderer's own work, which another process's load does not lengthen as it does
 * the wall clock): the thread's CPU, and of it the tasks', scripts', style and layout time, in ms.
 */
async function mainThreadCpu(page: Page): Promise<() => Promise<string>> {
  if (!process.env.BENCH_VERBOSE) return async () => '';
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable', { timeDomain: 'threadTicks' });
  const read = async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return new Map(metrics.map(({ name, value }) => [name, value]));
  };
  const before = await read();
  return async () => {
    const after = await read();
    const ms = (name: string) => Math.round(((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000);
    return `main thread CPU ${ms('ThreadTime')} ms (tasks ${ms('TaskDuration')}, script ${ms('ScriptDuration')}, style ${ms('RecalcStyleDuration')}, layout ${ms('LayoutDuration')})`;
  };
}

/** What whenShown uses of the page (this file is compiled without the DOM's types). */
interface PageGlobals {
  document: {
    querySelector(selector: string): {
      getBoundingClientRect(): { width: number; height: number };
      checkVisibility(options: { visibilityProperty: boolean }): boolean;
    } | null;
    querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
  };
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
}

/**
 * Run in the page (page.evaluate: the app's CSP forbids waitForFunction's eval): resolves at the
 * first animation frame in which the first element matching each CSS selector is visible as
 * Playwright means it (a box of some size, not hidden).
 */
function whenShown(selectors: readonly string[]): Promise<void> {
  const { document, requestAnimationFrame, setTimeout } = globalThis as unknown as PageGlobals;
  const shown = (selector: string) => {
    const element = document.querySelector(selector);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true });
  };
  return new Promise((resolve, reject) => {
    const check = () => (selectors.every(shown) ? resolve() : requestAnimationFrame(check));
    check();
    setTimeout(() => reject(new Error(`not shown in 60 s: ${selectors.join(', ')}`)), 60_000);
  });
}

/**
 * Run in the page, as whenShown: resolves at the first animation frame in which no element matching
 * `selector` has text matching `pattern` (the matched line's row left the unmatched list).
 */
function whenNoRow({ selector, pattern }: { selector: string; pattern: string }): Promise<void> {
  const { document, requestAnimationFrame, setTimeout } = globalThis as unknown as PageGlobals;
  const text = new RegExp(pattern);
  const gone = () =>
    [...document.querySelectorAll(selector)].every((row) => !text.test(row.textContent ?? ''));
  return new Promise((resolve, reject) => {
    const check = () => (gone() ? resolve() : requestAnimationFrame(check));
    check();
    setTimeout(() => reject(new Error(`still shown after 60 s: ${selector} ${pattern}`)), 60_000);
  });
}

/**
 * A fresh tab of the signed-in context for each timed navigation: nothing of the last page stays in
 * memory. The clock stops at the first animation frame in which the page shows every one of
 * `selectors` (checked in the page at each frame, its layout included). Until 2026-12-06 21:10 it
 * stopped when Playwright's own wait saw them, which polls from Node.js after 0, 20, 50, 100, 100
 * and then every 500 ms: a page shown at 300 ms was seen at ~800 ms, so every figure was rounded
 * up to the next of those polls (My work's quiet rounds all read 996–1,070 ms). Playwright's wait
 * still runs afterwards, off the clock, to check that it sees the same.
 */
async function timeNavigation(
  context: BrowserContext,
  url: string,
  selectors: readonly string[],
  log: (message: string) => void,
) {
  const page = await context.newPage();
  try {
    const done = traceRequests(page, log);
    const profiled = await profileOf(page);
    const cpu = await mainThreadCpu(page);
    const ms = await timed(async () => {
      await page.goto(url, { waitUntil: 'commit' });
      await page.evaluate(whenShown, selectors);
    });
    const used = await cpu();
    done();
    if (used) log(`${url}: ${used}`);
    await profiled(`${url}-${Date.now()}`);
    await Promise.all(selectors.map((selector) => visible(page.locator(selector))));
    return ms;
  } finally {
    await page.close();
  }
}

const visible = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: 60_000 });

/** Matches one line of each side by hand on an open period page; the time from "confirm" until the line has moved. */
async function matchRoundTrip(
  page: Page,
  pair: { ours: string; theirs: string },
  index: number,
  log: (message: string) => void,
) {
  const ours = page.getByTestId('lines-ours');
  await page.getByRole('checkbox', { name: `选择 ${pair.ours}` }).check();
  await page.getByRole('checkbox', { name: `选择 ${pair.theirs}` }).check();
  await page.getByTestId('selection-bar').getByRole('button', { name: '手工匹配所选记录' }).click();
  const dialog = page.getByRole('dialog', { name: '手工匹配：我方 1 条，客户方 1 条' });
  await dialog.getByLabel('匹配理由').fill(`基准测试 bench pair ${index + 1}`);
  const unmatchedRow = ours.locator('.ant-table-row', { hasText: new RegExp(`${pair.ours}.*未匹配`) });
  await unmatchedRow.waitFor();
  // The clock starts at the click itself: Playwright's wait for the opening dialog to stand still
  // (its animation) is not the page's work.
  const confirm = dialog.getByRole('button', { name: '确认匹配' });
  await confirm.click({ trial: true });
  if (process.env.BENCH_VERBOSE)
    await page.evaluate(
      "document.addEventListener('click', () => console.debug('bench: click reached the page'), { capture: true, once: true })",
    );
  const done = traceRequests(page, log);
  const profiled = await profileOf(page);
  // The clock stops at the first frame without the line's unmatched row, seen in the page (as the
  // page loads are, since 21:10): Playwright's own wait polls from Node.js at 0, 20, 50, 100, 100,
  // then every 500 ms, which rounded every round trip up to the next poll. It still runs, off the clock.
  const ms = await timed(async () => {
    const gone = page.evaluate(whenNoRow, {
      selector: '[data-testid="lines-ours"] .ant-table-row',
      pattern: `${pair.ours}.*未匹配`,
    });
    await confirm.click();
    await gone;
  }).finally(done);
  await unmatchedRow.waitFor({ state: 'detached', timeout: 60_000 });
  await profiled(`match-${index}`);
  await page.getByRole('status').filter({ hasText: '已手工匹配。' }).first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
  return ms;
}

/**
 * With BENCH_VERBOSE, where the server spent each manual match's Update: the workflow history's
 * events from each Update's admission to its completion, in ms from the admission.
 */
async function updateSteps(client: Client, workflowId: string, updates: number): Promise<string> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const ms = (event: (typeof events)[number]) =>
    Number(event.eventTime?.seconds ?? 0) * 1000 + Math.round((event.eventTime?.nanos ?? 0) / 1e6);
  const type = (event: (typeof events)[number]) =>
    String(event.eventType ?? '')
      .replace(/^EVENT_TYPE_/, '')
      .toLowerCase();
  const lines: string[] = [];
  const accepted = events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => event.workflowExecutionUpdateAcceptedEventAttributes)
    .slice(-updates);
  for (const { event, index } of accepted) {
    const end = events.findIndex(
      (later, at) => at > index && later.workflowExecutionUpdateCompletedEventAttributes,
    );
    // The workflow task that accepted the Update started before its acceptance was recorded.
    let from = index;
    while (from > 0 && !events[from].workflowTaskScheduledEventAttributes) from -= 1;
    const zero = ms(events[from] ?? event);
    lines.push(
      `  update: ${events
        .slice(from, end + 1)
        .map((e) => `${type(e)} +${ms(e) - zero}`)
        .join(', ')}`,
    );
  }
  return `update steps in the workflow history (ms from the workflow task that took it):\n${lines.join('\n')}`;
}

export async function runWebBench(options: WebBenchOptions): Promise<WebBenchResult> {
  const log = options.log ?? (() => undefined);
  const { db, dataSource, dataDir, temporal, close } = await openBenchEnvironment('web');
  const children: ChildProcess[] = [];
  let connection: Connection | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    const seedStart = performance.now();
    const users = await seedApiBench(dataSource, taskSeedSize(options.tasks));
    log(`${options.tasks} tasks seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const clerk = users.find((u) => u.role === 'CLERK')!;
    await dataSource.query('UPDATE users SET password_hash = ? WHERE id = ?', [
      await hashPassword(PASSWORD),
      clerk.id,
    ]);
    // Twice the rounds of hand-matched pairs: half for the browser, half for the server part.
    const big = await seedLargePeriod(dataSource, BIG_CUSTOMER, options.lines, 2 * options.rounds);
    const loads: number[] = [];
    const noteLoad = () => loads.push(loadavg()[0]);
    await settleSeed(dataSource, log);

    const port = await choosePort(0);
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl(db),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      PUBLIC_URL: baseUrl,
      AUTH_TOKEN_SECRET: TOKEN_SECRET,
      CUSTOMER_LINK_SECRET: LINK_SECRET,
      AUDIT_CHAIN_KEY: BENCH_AUDIT_CHAIN_KEY,
      RECON_DATA_DIR: dataDir,
    };
    // As production runs it: the worker and the API in processes of their own.
    const worker = await startPackageScript('start:worker', env, /Recon worker polling/);
    children.push(worker.child);
    const api = await startApiProcess(env);
    children.push(api.child);

    connection = await Connection.connect({ address: temporal.address });
    const periods = new PeriodService(dataSource, new Client({ connection }), TASK_QUEUE);
    const matchStart = performance.now();
    const opened = await periods.openPeriod(BIG_CUSTOMER, '2026-10-01', '2026-10-31');
    const periodId = await waitForPeriodStatus(dataSource, opened.workflowId, 'IN_REVIEW', 600_000);
    log(
      `period of ${options.lines} lines per side matched in ${((performance.now() - matchStart) / 1000).toFixed(1)} s`,
    );

    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1280, height: 800 },
      baseURL: baseUrl,
    });
    const page = await context.newPage();
    const signInBytes = await scriptBytesGzipped(page, async () => {
      await page.goto('/login?next=%2Fwork');
      await page.getByLabel('邮箱').waitFor();
    });
    const signedInBytes =
      signInBytes +
      (await scriptBytesGzipped(page, async () => {
        await page.getByLabel('邮箱').fill(`user${clerk.id}@bench.invalid`);
        await page.getByLabel('密码').fill(PASSWORD);
        await page.getByRole('button', { name: '登录' }).click();
        await page.waitForURL(/\/work$/);
        await visible(page.locator('tr[data-row-key]'));
      }));
    log(
      `scripts: sign-in page ${(signInBytes / 1024).toFixed(1)} KB gzip, with My work ${(signedInBytes / 1024).toFixed(1)} KB`,
    );

    const inbox: number[] = [];
    const periodPage: number[] = [];
    const server = webServerPart(context.request);
    const inboxServer: number[] = [];
    const periodServer: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      noteLoad();
      inboxServer.push(await server.inbox());
      periodServer.push(await server.periodPage(periodId));
      inbox.push(
        await timeNavigation(context, '/work', ['tr[data-row-key]', '[data-testid="count-total"]'], log),
      );
      periodPage.push(
        await timeNavigation(
          context,
          `/periods/${periodId}`,
          [
            '[data-testid="bridge-verdict"]',
            '[data-testid="bridge-table"] tr',
            '[data-testid="lines-ours"] .ant-table-row',
            '[data-testid="lines-theirs"] .ant-table-row',
          ],
          log,
        ),
      );
    }
    log(
      `My work ms: ${inbox.map(Math.round).join(', ')}; period page ms: ${periodPage.map(Math.round).join(', ')}`,
    );
    log(
      `server part: My work ms ${inboxServer.map(Math.round).join(', ')}; period page ms ${periodServer.map(Math.round).join(', ')}`,
    );

    await page.goto(`/periods/${periodId}`);
    await visible(page.getByTestId('lines-ours').locator('.ant-table-row'));
    const matches: number[] = [];
    const browserPairs = big.manualPairs.slice(0, options.rounds);
    for (const [index, pair] of browserPairs.entries()) {
      noteLoad();
      matches.push(await matchRoundTrip(page, pair, index, log));
    }
    log(`match round trips ms: ${matches.map(Math.round).join(', ')}`);
    const matchServer: number[] = [];
    for (const [index, pair] of big.manualPairs.slice(options.rounds).entries()) {
      noteLoad();
      matchServer.push(await server.matchRoundTrip(periodId, pair, `基准测试 server pair ${index + 1}`));
    }
    log(
      `server part: match round trips ms ${matchServer.map(Math.round).join(', ')} (the mutation ${server.mutationMs.map(Math.round).join(', ')})`,
    );
    if (process.env.BENCH_VERBOSE)
      log(await updateSteps(new Client({ connection }), opened.workflowId, big.manualPairs.length));
    log(`load average (1 min) during the measurements: ${loads.map((l) => l.toFixed(1)).join(', ')}`);
    const [{ n }] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM match_groups WHERE period_id = ? AND state = 'MANUAL'",
      [periodId],
    )) as Array<{ n: string }>;
    if (Number(n) !== big.manualPairs.length)
      throw new Error(`expected ${big.manualPairs.length} manual matches, found ${n}`);

    return {
      bench: 'web',
      periodLines: options.lines,
      periodPageMs: round1(median(periodPage)),
      tasks: options.tasks,
      inboxMs: round1(median(inbox)),
      matchRoundTripMs: round1(median(matches)),
      initialJsKbGzip: round1(signInBytes / 1024),
      signedInJsKbGzip: round1(signedInBytes / 1024),
      periodServerMs: round1(median(periodServer)),
      inboxServerMs: round1(median(inboxServer)),
      matchServerMs: round1(median(matchServer)),
      loadAverage: { min: round1(Math.min(...loads)), max: round1(Math.max(...loads)) },
      rounds: options.rounds,
    };
  } finally {
    await browser?.close();
    await connection?.close();
    for (const child of children.reverse()) await stopProcess(child);
    await close();
  }
}

if (require.main === module) {
  printResult(
    runWebBench({
      lines: numberArg('lines', 5_000),
      tasks: numberArg('tasks', 1_000_000),
      rounds: numberArg('rounds', 5),
      log: (message) => console.error(message),
    }),
  );
}
