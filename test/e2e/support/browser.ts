import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (scripts/install-system-deps.sh installs it). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium as root on a machine without network: no sandbox, no GPU, no QUIC, nothing
 * fetched in the background. Playwright gives every launch a fresh, temporary profile
 * (--user-data-dir), removed when the browser closes.
 */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A container's /dev/shm is often 64 MB: renderers then crash under a large page.
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run scripts/install-system-deps.sh (apt-get install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: 60_000 });
}

/** What a page did wrong while a test drove it: console errors, CSP violations, uncaught errors. */
export interface PageProblems {
  list: string[];
}

/**
 * A browser context (its own cookies and storage) in one language, whose pages report console
 * errors, Content-Security-Policy violations and uncaught exceptions into `problems`. Requests to
 * any other origin are aborted and reported too: the app must load nothing from elsewhere.
 */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  locale: 'zh-CN' | 'en-US',
  viewport = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; problems: PageProblems }> {
  const context = await browser.newContext({ locale, viewport, baseURL: baseUrl });
  const problems: PageProblems = { list: [] };
  const origin = new URL(baseUrl).origin;
  await context.route(
    (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
    async (route) => {
      problems.list.push(`request to another origin: ${route.request().url()}`);
      await route.abort();
    },
  );
  // Where a CSP violation came from (the console only says that one happened).
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (event) =>
      console.error(
        `CSP ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`,
      ),
    ),
  );
  context.on('page', (page) => watch(page, problems));
  return { context, problems };
}

function watch(page: Page, problems: PageProblems): void {
  // Also said at once on stderr: a test that times out waiting never reaches its check of
  // `problems`, and CI's log is then the only place left to see what the page went through.
  const report = (problem: string) => {
    problems.list.push(problem);
    process.stderr.write(`[browser] ${problem}\n`);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') report(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => report(`uncaught: ${error.message}`));
  page.on('crash', () => report(`the page crashed at ${page.url()}`));
  // A refused or failed operation is often the reason an expected notice never shows.
  page.on('response', (response) => {
    if (!response.url().endsWith('/graphql')) return;
    const operation = /"operationName":"(\w+)"/.exec(response.request().postData() ?? '')?.[1] ?? '?';
    void response
      .text()
      .then((body) => {
        const codes = [...body.matchAll(/"code":"(\w+)"/g)].map((match) => match[1]);
        const signedOut = operation === 'CurrentUser' && codes.join() === 'UNAUTHENTICATED'; // before sign-in
        if ((response.status() >= 400 || body.includes('"errors"')) && !signedOut)
          process.stderr.write(`[browser] ${operation}: HTTP ${response.status()} ${codes.join(', ')}\n`);
      })
      .catch(() => undefined);
  });
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (the copy in node_modules, never a CDN) on the page as it is, and returns the
 * violations of serious or critical impact. It is evaluated through the DevTools protocol, which
 * the page's CSP does not govern, so the page keeps its real policy while being checked.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await settled(page);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeRawViolation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Waits (5 s at most) until nothing on the page is mid-transition: a dialog fading in or out, or a
 * button still showing its request's spinner, is half transparent for a few frames, and axe read at
 * that moment reports the faded colours (color-contrast) and the leaving dialog (aria-dialog-name).
 * Endless animations (spinners of long reads) do not count. Then axe sees the page the person does.
 */
async function settled(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        document.querySelector('.ant-btn-loading') === null &&
        document
          .getAnimations()
          .every(
            (animation) =>
              animation.playState !== 'running' ||
              animation.effect?.getComputedTiming().iterations === Infinity,
          ),
      undefined,
      { timeout: 5_000, polling: 50 },
    )
    .catch(() => undefined); // still moving after 5 s: axe reports what it finds, as before
}

interface AxeRawViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/**
 * Counts the GraphQL operations a page sends, by name, from `reset()` on: how many times a page
 * reads what after one action of its user.
 */
export function countOperations(page: Page) {
  let counts = new Map<string, number>();
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.startsWith('/graphql')) return;
    const name = (request.postDataJSON() as { operationName?: string } | null)?.operationName ?? '?';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return {
    reset: () => (counts = new Map()),
    /** The operations sent since the last reset, sorted by name. */
    sent: () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** How many lines the element's text takes on screen (one box per line of each text node). */
export function textLines(element: Locator): Promise<number> {
  return element.evaluate((root) => {
    const tops = new Set<number>();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
    }
    return tops.size;
  });
}
