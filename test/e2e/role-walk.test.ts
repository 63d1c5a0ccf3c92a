import type { Page } from 'playwright-core';
import { PeriodStatus } from '../../contract/enums';
import { APP_PATHS } from '../../web/src/app/paths';
import { seedCustomer, CLEAN_LINES } from '../support/fixtures';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import {
  graphqlAs,
  secondStep,
  STAFF,
  STAFF_PASSWORD,
  startBrowserStack,
  type BrowserStack,
} from './support/stack';

type Who = 'clerk' | 'auditor' | 'manager' | 'admin';
type Language = 'zh-CN' | 'en-US';

const WORDS = {
  'zh-CN': { email: '邮箱', password: '密码', submit: '登录', forbidden: '无权访问', menu: '主菜单' },
  'en-US': {
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    forbidden: 'Not allowed',
    menu: 'Main menu',
  },
} as const;

/**
 * Who may open which page, written out here (not read from the app's own table), as #16 says:
 * "every page above works in both languages for its role and refuses every other role".
 */
const C = 'clerk',
  A = 'auditor',
  M = 'manager',
  D = 'admin';
const PAGES: Array<{ path: string; who: readonly Who[] }> = [
  { path: '/', who: [C, A, M, D] },
  { path: '/work', who: [C, M, D] },
  { path: '/periods', who: [C, A, M, D] },
  { path: '/periods/:periodId', who: [C, A, M, D] },
  { path: '/security', who: [C, A, M, D] },
  { path: '/approvals', who: [M, D] },
  { path: '/dashboard', who: [A, M, D] },
  { path: '/credit', who: [C, A, M, D] },
  { path: '/collections', who: [C, A, M, D] },
  { path: '/collections/WALK', who: [C, A, M, D] },
  { path: '/admin/users', who: [D] },
  { path: '/admin/api-keys', who: [D] },
  { path: '/admin/customers', who: [D] },
  { path: '/admin/customers/WALK/settings', who: [D] },
  { path: '/admin/templates', who: [C, M, D] },
  { path: '/admin/webhooks', who: [D] },
  { path: '/admin/tasks', who: [D] },
];

/** The app's pages outside the signed-in frame: walked by sign-in, two-factor and customer-confirm. */
const PUBLIC_PATHS: readonly string[] = [APP_PATHS.login, APP_PATHS.enrol, APP_PATHS.confirm];

/**
 * The server's side of each page a role is refused: what the page is for, sent as that role with
 * its own session. The API refuses it (FORBIDDEN) to every role the page refuses, and to no other,
 * so hiding the page is not the only guard and the page hides nothing the API allows.
 */
const SERVER: Record<string, { doc: string }> = {
  '/work': { doc: 'mutation { claimNextTask(filter: { customerCode: "NO-SUCH" }) { id } }' },
  '/approvals': { doc: '{ pendingAdjustments(first: 1) { edges { cursor } } }' },
  '/dashboard': { doc: '{ dashboard(month: "2026-13") { month } }' },
  '/admin/users': { doc: '{ users { id } }' },
  '/admin/api-keys': { doc: '{ apiKeys { id } }' },
  '/admin/customers': {
    doc: 'mutation { updateCustomerSettings(code: "NO-SUCH", ruleSettings: null) { code } }',
  },
  '/admin/customers/WALK/settings': {
    doc: 'mutation { updateCustomerSettings(code: "NO-SUCH", ruleSettings: null) { code } }',
  },
  // The page follows the API's template:write: clerks and managers map their customers' files.
  '/admin/templates': { doc: 'mutation { saveMappingTemplate(name: "t", definition: {}) { id } }' },
  '/admin/webhooks': { doc: '{ webhookSubscriptions { id } }' },
  '/admin/tasks': { doc: '{ adminTasks { id } }' },
};

/** A route pattern ("/periods/:periodId") as a test of a walked address. */
const routeMatches = (route: string, address: string) =>
  new RegExp(`^${route.replace(/:[^/]+/g, '[^/]+')}$`).test(address);

/** A message key as the translate function prints it when the catalogue lacks it. */
const MESSAGE_KEY =
  /\b(?:admin\w*|approvals|collections|common|confirm|credit|dashboard|errors|home|layout|pages|periods?|session|twoFactor|work)\.[a-zA-Z_]+\b/g;

async function signIn(page: Page, who: Who, language: Language) {
  const words = WORDS[language];
  await page.goto('/login');
  await page.getByLabel(words.email).fill(STAFF[who].email);
  await page.getByLabel(words.password).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: words.submit }).click();
  await secondStep(page, who, language);
  await page.getByTestId('current-user').filter({ hasText: STAFF[who].name }).waitFor();
}

/** Every page as each role sees it: it opens (heading, no error, nothing broken) or says "not allowed". */
describe('in the browser: each page for each role, in both languages (works for its role, refuses the others)', () => {
  let stack: BrowserStack;
  let periodId: string;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_role_walk');
    await seedCustomer(stack.harness.db.dataSource, 'WALK', CLEAN_LINES, CLEAN_LINES);
    const opened = await stack.harness.periods.openPeriod('WALK', '2026-10-01', '2026-10-31');
    periodId = opened.period.id;
    await stack.harness.waitForStatus(opened.workflowId, PeriodStatus.AWAITING_CUSTOMER, 60_000);
  }, 240_000);

  afterAll(() => stack?.stop());

  it('walks every page of the app, and has a server check for each page some role is refused', () => {
    const staffRoutes = Object.values(APP_PATHS).filter((route) => !PUBLIC_PATHS.includes(route));
    const unwalked = staffRoutes.filter((route) => !PAGES.some(({ path }) => routeMatches(route, path)));
    expect(unwalked).toEqual([]);
    const unchecked = PAGES.filter(({ path, who }) => who.length < 4 && !SERVER[path]).map(
      ({ path }) => path,
    );
    expect(unchecked).toEqual([]);
  });

  // Every role in both languages: a page may work in one and show a raw message key in the other.
  const walks: Array<[Who, Language]> = (['clerk', 'auditor', 'manager', 'admin'] as const).flatMap(
    (who): Array<[Who, Language]> => [
      [who, 'zh-CN'],
      [who, 'en-US'],
    ],
  );

  it.each(walks)(
    '%s (%s)',
    async (who, language) => {
      const words = WORDS[language];
      const { context, problems } = await newContext(stack.browser, stack.baseUrl, language);
      const page = await context.newPage();
      await signIn(page, who, language);
      const seen: string[] = [];
      for (const { path, who: allowed } of PAGES) {
        const url = path.replace(':periodId', periodId);
        await page.goto(url);
        const main = page.locator('main');
        // A page has rendered when its heading (or the "not allowed" title) shows and nothing spins.
        await main.locator('h1, h2, h3, .ant-result-title').first().waitFor();
        await page.waitForFunction(() => !document.querySelector('main .ant-spin-spinning'));
        const forbidden = await main.locator('.ant-result-403').count();
        const refusals = await main.locator('.ant-alert-error').allInnerTexts();
        const heading = (await main.locator('h1, h2, .ant-result-title').first().innerText()).trim();
        // A message the catalogue lacks shows as its key ("credit.componentX"): none may reach the page.
        const leaks = (await main.innerText()).match(MESSAGE_KEY) ?? [];
        // One <main> landmark (antd's Content is one already; a second inside it was a defect).
        expect({ url, mains: await page.locator('main').count() }).toEqual({ url, mains: 1 });
        expect({ url, leaks }).toEqual({ url, leaks: [] });
        seen.push(
          `${url}: ${forbidden ? 'refused' : 'opens'} "${heading}"${refusals.length ? ` ${refusals.join(' | ')}` : ''}`,
        );
        if (allowed.includes(who)) {
          expect({ url, forbidden, refusals }).toEqual({ url, forbidden: 0, refusals: [] });
        } else {
          expect({ url, heading }).toEqual({ url, heading: words.forbidden });
        }
      }
      // Each entry of the menu opens a page the role may open (the menu offers no refused page).
      const menu = page.getByRole('navigation', { name: words.menu });
      const entries = await menu.getByRole('menuitem').allInnerTexts();
      expect(entries.length).toBeGreaterThanOrEqual(4);
      // From an allowed page (the last one walked may be a refused one, whose title would linger).
      await page.goto('/');
      await page.locator('main h2').first().waitFor();
      for (const [index, entry] of entries.entries()) {
        const before = page.url();
        await menu.getByRole('menuitem').nth(index).click();
        if (index > 0) await page.waitForURL((address) => address.toString() !== before);
        await page.locator('main').locator('h1, h2, h3, .ant-result-title').first().waitFor();
        await page.waitForFunction(() => !document.querySelector('main .ant-spin-spinning'));
        const path = new URL(page.url()).pathname;
        const listed = PAGES.find((candidate) => candidate.path === path);
        const refused = await page.locator('main .ant-result-403').count();
        expect({ entry, path, allowed: listed?.who.includes(who), refused }).toEqual({
          entry,
          path,
          allowed: true,
          refused: 0,
        });
      }
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      // The API, asked what each refused page is for with this role's own session, refuses it too.
      for (const [path, { doc }] of Object.entries(SERVER)) {
        const allowed = PAGES.find((p) => p.path === path)!.who;
        const answer = await graphqlAs(context, stack.baseUrl, doc);
        const refused = answer.errors?.[0]?.extensions.code === 'FORBIDDEN';
        expect({ path, who, refused }).toEqual({ path, who, refused: !allowed.includes(who) });
      }
      expect({ problems: problems.list, seen }).toEqual({ problems: [], seen });
      await context.close();
    },
    180_000,
  );
});
