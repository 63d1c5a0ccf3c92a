import 'reflect-metadata';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WEB_APP_ROOT } from '../api/server';
import { signUserToken } from '../auth/user-token';
import { launchChromium } from '../bench/_chromium';
import { loadConfig } from '../config/config';
import { SYSTEM_ACTORS } from '../contract/actor';
import { PeriodStatus } from '../contract/enums';
import { dropDatabase } from '../db/ensure-database';
import { DEMO_PERIODS } from '../demo/demo-data';
import { startDemoDunning } from '../demo/demo-dunning';
import { DEMO_USERS, demoTotpSeed, loadDemoData, type DemoUser } from '../demo/load-demo';
import { totp } from '../auth/totp';
import { Difference } from '../entities/difference.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { User } from '../entities/user.entity';
import { readOutboxMessage } from '../notifications/outbox-transport';
import { statementMessageId } from '../notifications/statement-transport';
import { choosePort } from '../temporal/dev-server';
import { bootRecon, type ReconProcess } from './bootstrap';
import { installRuntime } from './install-runtime';

/**
 * `npm run screenshots`: the demo month on a throw-away database and Temporal dev server, each main
 * page opened in headless Chromium in Chinese as the person who uses it, and a PNG of each written
 * to docs/screens/ (the README's gallery). Admin pages are included once the app has them.
 */
const SCREENS_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screens');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const RESTING = new Set<string>([
  PeriodStatus.IN_REVIEW,
  PeriodStatus.AWAITING_CUSTOMER,
  PeriodStatus.CLOSED,
]);
/** Admin pages to show when the built app has their routes (web/dist/app-routes.json). */
const ADMIN_PAGES = [
  { route: '/admin/users', url: '/admin/users', file: '07-admin-users.png' },
  { route: '/admin/api-keys', url: '/admin/api-keys', file: '08-admin-api-keys.png' },
  { route: '/admin/customers', url: '/admin/customers', file: '09-admin-customers.png' },
  {
    route: '/admin/customers/:code/settings',
    url: '/admin/customers/C003/settings',
    file: '10-admin-customer-settings.png',
  },
  { route: '/admin/templates', url: '/admin/templates', file: '11-admin-templates.png' },
  { route: '/admin/webhooks', url: '/admin/webhooks', file: '12-admin-webhooks.png' },
];

const demoUser = (email: string): DemoUser => DEMO_USERS.find((u) => u.email === email)!;
const CLERK = demoUser('li.clerk@recon.demo');
const MANAGER = demoUser('wang.manager@recon.demo');
const ADMIN = demoUser('sun.admin@recon.demo');

async function waitUntilResting(recon: ReconProcess, workflowId: string): Promise<ReconciliationPeriod> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const period = await recon.dataSource.getRepository(ReconciliationPeriod).findOneByOrFail({ workflowId });
    if (RESTING.has(period.status)) return period;
    if (Date.now() > deadline) throw new Error(`${workflowId} is still ${period.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A GraphQL call as one of the demo's people (a signed token, as an integrator's script would send). */
async function asUser(recon: ReconProcess, email: string, query: string, variables: object) {
  const user = await recon.dataSource.getRepository(User).findOneByOrFail({ email });
  const token = signUserToken(recon.config.auth.tokenSecret, {
    sub: user.id,
    role: user.role,
    name: user.displayName,
    exp: Math.floor(Date.now() / 1000) + 600,
  });
  const response = await fetch(recon.api!.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: Array<{ message: string }> };
  if (body.errors) throw new Error(`${email}: ${body.errors[0].message}`);
}

/**
 * The demo month as a working day finds it: every period opened and matched, the clean one waiting
 * for its customer, the clerk's proposal for the smallest open difference waiting for a manager, and
 * one customer in dunning (C001, over its credit limit, when its invoices are overdue today).
 */
async function prepareMonth(recon: ReconProcess) {
  await loadDemoData(recon.dataSource, recon.config.auth.tokenSecret);
  const periods: ReconciliationPeriod[] = [];
  for (const demo of DEMO_PERIODS) {
    const opened = await recon.periods.openPeriod(
      demo.customerCode,
      demo.periodStart,
      demo.periodEnd,
      SYSTEM_ACTORS.demo,
    );
    periods.push(await waitUntilResting(recon, opened.workflowId));
  }
  const awaiting = periods.find((p) => p.status === PeriodStatus.AWAITING_CUSTOMER);
  const inReview = periods.filter((p) => p.status === PeriodStatus.IN_REVIEW);
  if (!awaiting || inReview.length === 0)
    throw new Error(`the demo month should have a period with its customer and some in review`);
  const mail = await readOutboxMessage(
    path.join(recon.config.dataDir, 'outbox'),
    statementMessageId(awaiting.id, 1),
  );
  const differences = await recon.dataSource
    .getRepository(Difference)
    .find({ where: inReview.map((p) => ({ periodId: p.id })), order: { id: 'ASC' } });
  const small = differences.find((d) => d.amount.abs().lessThan(100)) ?? differences[0];
  const adjusted = inReview.find((p) => p.id === small.periodId)!;
  await asUser(
    recon,
    CLERK.email,
    `mutation ($periodId: ID!, $amount: Decimal!, $differenceId: ID) {
       proposeAdjustment(periodId: $periodId, amount: $amount, entryDate: "2026-10-31",
         reason: "银行手续费，附银行回单 bank fee, slip attached", differenceId: $differenceId) { entityId }
     }`,
    { periodId: adjusted.id, amount: small.amount.toFixed(2), differenceId: small.id },
  );
  // The period page shows the one with the most to do.
  const busiest = inReview.reduce((a, b) =>
    differences.filter((d) => d.periodId === b.id).length >
    differences.filter((d) => d.periodId === a.id).length
      ? b
      : a,
  );
  const dunning = await startDemoDunning(recon.dataSource, recon.periods);
  if (!dunning) throw new Error(`no demo customer has anything overdue today, so no customer is in dunning`);
  return { confirmationUrl: mail.confirmationUrl, periodId: busiest.id, dunningCode: dunning.customerCode };
}

type DemoMonth = Awaited<ReturnType<typeof prepareMonth>>;

/** Signs in; `codeStepFile` also shoots the second step (the authenticator's code) before it is filled. */
async function signIn(page: Page, user: DemoUser, codeStepFile?: string) {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(user.email);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  // Managers and the admin: the code an authenticator app with the demo seed shows now.
  const seed = demoTotpSeed(user);
  if (seed) {
    const code = page.getByLabel('验证码');
    await code.waitFor();
    if (codeStepFile) await shoot(page, null, codeStepFile);
    await code.fill(totp(seed, Date.now() / 1000));
    await page.getByRole('button', { name: '验证', exact: true }).click();
  }
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Waits until the page has its data and has stopped moving, then writes the PNG. */
async function shoot(page: Page, url: string | null, file: string) {
  if (url) await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForTimeout(400); // fonts and the last transitions
  await page.screenshot({ path: path.join(SCREENS_DIR, file), animations: 'disabled' });
  console.log(`${file}: ${(statSync(path.join(SCREENS_DIR, file)).size / 1024).toFixed(0)} KB`);
}

async function staffContext(browser: Browser, baseUrl: string) {
  return browser.newContext({ locale: 'zh-CN', viewport: DESKTOP, baseURL: baseUrl });
}

async function takeScreens(browser: Browser, baseUrl: string, month: DemoMonth) {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const anonymous = await staffContext(browser, baseUrl);
  await shoot(await anonymous.newPage(), '/login', '01-sign-in.png');
  await anonymous.close();

  const clerk = await staffContext(browser, baseUrl);
  const clerkPage = await clerk.newPage();
  await signIn(clerkPage, CLERK);
  await shoot(clerkPage, '/work', '02-my-work.png');
  await shoot(clerkPage, `/periods/${month.periodId}`, '03-period.png');
  // The collector's worklist and the customer in dunning (the clerk has collections:work).
  await shoot(clerkPage, '/collections', '13-collections.png');
  await shoot(clerkPage, `/collections/${month.dunningCode}`, '14-collections-customer.png');
  await clerk.close();

  const manager = await staffContext(browser, baseUrl);
  const managerPage = await manager.newPage();
  await signIn(managerPage, MANAGER, '17-sign-in-code.png');
  await shoot(managerPage, '/approvals', '04-approvals.png');
  await shoot(managerPage, '/dashboard?month=2026-10', '05-dashboard.png');
  // The manager decides credit (credit:manage) and has two-factor sign-in turned on.
  await shoot(managerPage, '/credit', '15-credit.png');
  await shoot(managerPage, '/security', '16-security.png');
  await manager.close();

  const phone = await browser.newContext({
    locale: 'zh-CN',
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
  await shoot(await phone.newPage(), month.confirmationUrl, '06-customer-confirm-phone.png');
  await phone.close();

  const routes = JSON.parse(readFileSync(path.join(WEB_APP_ROOT, 'app-routes.json'), 'utf8')) as string[];
  const adminPages = ADMIN_PAGES.filter((p) => routes.includes(p.route));
  if (adminPages.length) {
    const admin = await staffContext(browser, baseUrl);
    const adminPage = await admin.newPage();
    await signIn(adminPage, ADMIN);
    for (const page of adminPages) await shoot(adminPage, page.url, page.file);
    await admin.close();
  }
}

async function main() {
  installRuntime('WARN');
  const base = loadConfig();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recon-screens-'));
  const databaseName = `recon_screens_${process.pid}`;
  const databaseUrl = new URL(base.database.url);
  databaseUrl.pathname = `/${databaseName}`;
  if (base.database.socketPath) databaseUrl.searchParams.set('socket', base.database.socketPath);
  const port = await choosePort(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl.toString(),
    RECON_DATA_DIR: dataDir,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(port),
    PUBLIC_URL: baseUrl,
    TEMPORAL_ADDRESS: '',
    SMTP_URL: '',
  });
  const recon = await bootRecon({ api: true, worker: true, config });
  let browser: Browser | undefined;
  try {
    const month = await prepareMonth(recon);
    browser = await launchChromium();
    await takeScreens(browser, baseUrl, month);
  } finally {
    await browser?.close();
    await recon.stop();
    await dropDatabase(config.database);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
