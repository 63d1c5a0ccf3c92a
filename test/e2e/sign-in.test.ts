import type { Page } from 'playwright-core';
import { newContext, seriousAccessibilityViolations } from './support/browser';
import { STAFF, STAFF_PASSWORD, startBrowserStack, type BrowserStack } from './support/stack';

async function signIn(
  page: Page,
  email: string,
  labels: { email: string; password: string; submit: string },
) {
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: labels.submit }).click();
}

const ZH = { email: '邮箱', password: '密码', submit: '登录' };
const EN = { email: 'E-mail', password: 'Password', submit: 'Sign in' };

describe('in the browser: signing in, the layout in both languages, signing out', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack('e2e_sign_in');
  }, 180_000);

  afterAll(() => stack?.stop());

  it('a clerk signs in (zh), sees the layout, switches to English (remembered), signs out for good', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    const first = await page.goto('/');
    expect(first!.headers()['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self';/);
    await page.waitForURL(/\/login\?next=%2F$/);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await signIn(page, STAFF.clerk.email, ZH);
    await page.getByTestId('current-user').filter({ hasText: STAFF.clerk.name }).waitFor();
    const menu = page.getByRole('navigation', { name: '主菜单' });
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual([
      '首页',
      '我的工作',
      '对账期间',
      '信用管理',
      '催款',
      '映射模板',
    ]);
    await page.getByRole('heading', { name: `您好，${STAFF.clerk.name}` }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The session is an http-only, SameSite=Strict cookie: nothing a page script can read or keep.
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'recon_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).not.toContain(cookie.value);

    await page.getByText('English', { exact: true }).click();
    const mainMenu = page.getByRole('navigation', { name: 'Main menu' });
    await mainMenu.waitFor();
    expect(await mainMenu.getByRole('menuitem').allInnerTexts()).toEqual([
      'Home',
      'My work',
      'Periods',
      'Credit',
      'Collections',
      'Mapping templates',
    ]);
    await page.reload();
    await page.getByRole('heading', { name: `Hello, ${STAFF.clerk.name}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');

    await mainMenu.getByRole('menuitem', { name: 'Periods' }).click();
    await page.getByRole('heading', { name: 'Periods' }).waitFor();
    await page.getByText('No period yet.', { exact: false }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\?signedOut=1$/);
    await page.getByText('You are signed out.').waitFor();

    // The old cookie is dead on the server, not merely forgotten by the browser.
    const replay = await fetch(`${stack.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-recon-csrf': '1',
        cookie: `recon_session=${cookie.value}`,
      },
      body: JSON.stringify({ query: '{ me { kind } }' }),
    });
    const body = (await replay.json()) as { errors?: Array<{ extensions: { code: string } }> };
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('says why a sign-in failed, and brings the user back to the page they asked for', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'en-US');
    const page = await context.newPage();
    await page.goto('/periods');
    await page.waitForURL(/\/login\?next=%2Fperiods$/);
    await page.getByLabel(EN.email).fill(STAFF.auditor.email);
    await page.getByLabel(EN.password).fill('not the password');
    await page.getByRole('button', { name: EN.submit }).click();
    await page.getByRole('alert').filter({ hasText: 'The e-mail or password is wrong' }).waitFor();

    await signIn(page, STAFF.auditor.email, EN);
    await page.waitForURL(/\/periods$/);
    await page.getByRole('heading', { name: 'Periods' }).waitFor();
    expect(problems.list).toEqual([]);
    await context.close();
  });

  it('throttles password guessing: after five wrong guesses even the right password is refused, said in words; a cookie without the app’s header is refused (CSRF)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    await page.goto('/login');
    for (let guess = 0; guess < 5; guess++) {
      await page.getByLabel(ZH.email).fill(STAFF.clerk2.email);
      await page.getByLabel(ZH.password).fill(`wrong guess ${guess}`);
      await page.getByRole('button', { name: ZH.submit }).click();
      await page.getByRole('alert').filter({ hasText: '邮箱或密码不正确' }).waitFor();
      await page
        .getByRole('button', { name: ZH.submit })
        .and(page.locator(':not(.ant-btn-loading)'))
        .waitFor();
    }
    // The sixth try, with the right password: refused all the same, and the page says why it may be.
    const answered = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') &&
        (response.request().postDataJSON() as { operationName?: string }).operationName === 'SignIn',
    );
    await signIn(page, STAFF.clerk2.email, ZH);
    const answer = (await (await answered).json()) as { errors?: Array<{ extensions: { code: string } }> };
    expect(answer.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    await page.getByRole('alert').filter({ hasText: '或尝试次数过多。请稍后再试。' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect((await context.cookies()).filter((c) => c.name === 'recon_session')).toEqual([]);

    // Signed in (as someone else), a request carrying the cookie but not the app's header is refused.
    await signIn(page, STAFF.clerk.email, ZH);
    await page.getByTestId('current-user').filter({ hasText: STAFF.clerk.name }).waitFor();
    const forged = await context.request.post(`${stack.baseUrl}/graphql`, {
      headers: { 'content-type': 'application/json' },
      data: { query: 'mutation { claimNextTask { id } }' },
    });
    const body = (await forged.json()) as { errors?: Array<{ extensions: { code: string } }> };
    expect(body.errors?.[0].extensions.code).toBe('CSRF_REJECTED');
    expect(problems.list.filter((line) => !/status of 401/.test(line))).toEqual([]);
    await context.close();
  });

  it('answers an unknown address with the app’s own "not found" page (HTTP 404)', async () => {
    const { context, problems } = await newContext(stack.browser, stack.baseUrl, 'zh-CN');
    const page = await context.newPage();
    const response = await page.goto('/no-such-page');
    expect(response!.status()).toBe(404);
    await page.getByText('页面不存在').waitFor();
    // Chromium reports the document's own 404 on the console; nothing else may go wrong.
    expect(problems.list.filter((p) => !p.includes('status of 404'))).toEqual([]);
    await context.close();
  });
});
