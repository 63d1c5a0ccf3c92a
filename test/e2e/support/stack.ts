import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createImportPool } from '../../../api/imports/import-pool';
import { WEB_APP_ROOT, type RunningApi } from '../../../api/server';
import { hashPassword } from '../../../auth/passwords';
import { UserRole } from '../../../contract/enums';
import { User } from '../../../entities/user.entity';
import { startHarnessApi } from '../../support/harness-api';
import { DEFAULT_TWO_FACTOR_ROLES } from '../../../auth/two-factor-roles';
import { startPeriodHarness, type PeriodHarness } from '../../support/period-harness';
import { launchChromium } from './browser';
import { enrolWithSeed, enterSignInCode, type CODE_STEP } from './two-factor';

/** People who sign in during browser tests (password: STAFF_PASSWORD). */
export const STAFF = {
  clerk: { email: 'li.clerk@recon.test', name: '李会计 Li', role: UserRole.CLERK },
  clerk2: { email: 'zhou.clerk@recon.test', name: '周会计 Zhou', role: UserRole.CLERK },
  manager: { email: 'wang.manager@recon.test', name: '王经理 Wang', role: UserRole.MANAGER },
  manager2: { email: 'chen.manager@recon.test', name: '陈经理 Chen', role: UserRole.MANAGER },
  auditor: { email: 'zhao.auditor@recon.test', name: '赵审计 Zhao', role: UserRole.AUDITOR },
  admin: { email: 'sun.admin@recon.test', name: '孙管理员 Sun', role: UserRole.ADMIN },
} as const;
export const STAFF_PASSWORD = 'browser-test-password';

/**
 * The authenticator seeds of the staff whose role requires two-factor sign-in (managers and
 * admins, Recon's default), enrolled when the stack starts; tests compute codes from them
 * (support/two-factor.ts). Anyone not listed has two-factor sign-in off.
 */
export const STAFF_SEEDS: Partial<Record<keyof typeof STAFF, Buffer>> = {
  manager: Buffer.from('e2e-seed-wang-manager'),
  manager2: Buffer.from('e2e-seed-chen-manager'),
  admin: Buffer.from('e2e-seed-sun-admin-00'),
};

/** After the password: the code step, for staff with two-factor sign-in (STAFF_SEEDS). */
export async function secondStep(
  page: Page,
  who: keyof typeof STAFF,
  language: keyof typeof CODE_STEP,
): Promise<void> {
  const seed = STAFF_SEEDS[who];
  if (seed) await enterSignInCode(page, seed, language);
}

/** The sign-in form's labels in each language, and the language of its code step. */
export const ZH = { email: '邮箱', password: '密码', submit: '登录', language: 'zh-CN' } as const;
export const EN = { email: 'E-mail', password: 'Password', submit: 'Sign in', language: 'en-US' } as const;

/** Signs `who` in from `path` (the sign-in page, or a page that sends there): password, code step, their name shown. */
export async function signIn(
  page: Page,
  who: keyof typeof STAFF,
  labels: typeof ZH | typeof EN,
  path: string,
) {
  await page.goto(path);
  await page.getByLabel(labels.email).fill(STAFF[who].email);
  await page.getByLabel(labels.password).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
  await secondStep(page, who, labels.language);
  await page.getByTestId('current-user').filter({ hasText: STAFF[who].name }).waitFor();
}

export type GraphqlAnswer = {
  data?: Record<string, unknown>;
  errors?: Array<{ extensions: { code: string } }>;
};

/** The same GraphQL request the app would send, with the context's session cookie. */
export async function graphqlAs(
  context: BrowserContext,
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlAnswer> {
  const response = await context.request.post(`${baseUrl}/graphql`, {
    headers: { 'content-type': 'application/json', 'x-recon-csrf': '1' },
    data: { query, variables },
  });
  return (await response.json()) as GraphqlAnswer;
}

/**
 * The whole stack for one browser test file, started once: a throw-away MariaDB database, a
 * Temporal dev server and a worker (the period harness), the API serving the built web app, and
 * Chromium. `npm test` builds the app first (scripts/setup.sh).
 */
export interface BrowserStack {
  harness: PeriodHarness;
  api: RunningApi;
  baseUrl: string;
  browser: Browser;
  userIds: Record<keyof typeof STAFF, string>;
  stop(): Promise<void>;
}

export async function startBrowserStack(label: string): Promise<BrowserStack> {
  if (!existsSync(path.join(WEB_APP_ROOT, 'index.html')))
    throw new Error(`the web app is not built (${WEB_APP_ROOT}): run npm run build`);
  const harness = await startPeriodHarness(label);
  const importPool = createImportPool(harness.db.config);
  let api: RunningApi | undefined;
  let browser: Browser | undefined;
  try {
    api = await startHarnessApi(harness, {
      webRoot: WEB_APP_ROOT,
      importPool,
      webhooks: false,
      twoFactorRoles: DEFAULT_TWO_FACTOR_ROLES, // Recon's default: managers and admins enrol
    });
    browser = await launchChromium();
    const passwordHash = await hashPassword(STAFF_PASSWORD);
    const userIds = {} as Record<keyof typeof STAFF, string>;
    for (const [key, person] of Object.entries(STAFF) as Array<
      [keyof typeof STAFF, (typeof STAFF)[keyof typeof STAFF]]
    >) {
      const user = await harness.db.dataSource
        .getRepository(User)
        .save({ email: person.email, displayName: person.name, role: person.role, passwordHash });
      userIds[key] = user.id;
      const seed = STAFF_SEEDS[key];
      if (seed) await enrolWithSeed(harness.db.dataSource, user.id, seed);
    }
    const running = api;
    const chromium = browser;
    return {
      harness,
      api: running,
      baseUrl: running.url,
      browser: chromium,
      userIds,
      stop: async () => {
        await chromium.close();
        await running.stop();
        await importPool.end();
        await harness.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await api?.stop();
    await importPool.end();
    await harness.stop();
    throw error;
  }
}
