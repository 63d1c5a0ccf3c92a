import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import express from 'express';
import { shortLinkRouter } from '../../api/http/short-link';
import { windowKeyHash } from '../../db/window-counter';
import type { ActivityDeps } from '../../activities/activity-deps';
import { createSendStatement } from '../../activities/send-statement';
import { hashToken } from '../../auth/customer-link';
import { hashShortCode } from '../../auth/customer-short-link';
import { ReconciliationPeriod } from '../../entities/reconciliation-period.entity';
import { Money } from '../../money/decimal';
import type { StatementMessage } from '../../notifications/statement-transport';
import { SECRETS, startApiHarness, type ApiHarness } from '../api/api-harness';
import { seedCustomer } from '../support/fixtures';
import { hasPoppler, pdfToText, qrCodesOf } from '../reports/pdf-text';

/**
 * #19.10: the 询证函 and the statement carry a SHORT link (`/c/<code>`, random, stored hashed) with
 * its QR code, and the e-mail shows it. The short link leads to the round's own link and is refused
 * exactly when that one is (forged, expired, a newer round sent); lookups are rate-limited.
 */
jest.setTimeout(60_000);
const pdfIt = hasPoppler() ? it : it.skip;
const SHORT = /\/c\/([2-9a-hjkmnp-z]{12})$/;

describe('short confirmation links and their QR codes', () => {
  let h: ApiHarness;
  let sent: StatementMessage[];
  let periodId: string;
  let expiredPeriodId: string;

  const send = async (id: string, round: number, now = () => new Date()) => {
    const deps = {
      dataSource: h.db.dataSource,
      transport: { send: async (m: StatementMessage) => void sent.push(m) },
      customerLinks: { secret: SECRETS.linkSecret, publicUrl: h.api.url, ttlSeconds: 3600 },
      companyName: '上海对账科技有限公司',
      companyContact: 'ar@recon.example',
      now,
    } as ActivityDeps;
    await new MockActivityEnvironment().run(createSendStatement(deps), { periodId: id, round });
    return sent[sent.length - 1];
  };
  const period = async (code: string) => {
    const customer = await seedCustomer(
      h.db.dataSource,
      code,
      [{ id: 'o1', date: '2026-10-05', ref: 'INV-1', kind: 'INVOICE', amount: '1000.00' }],
      [],
    );
    const saved = await h.db.dataSource.getRepository(ReconciliationPeriod).save({
      customerId: customer.id,
      periodStart: '2026-10-01',
      periodEnd: '2026-10-31',
      workflowId: `recon-${code}-2026-10`,
      currency: 'CNY',
      ourOpeningBalance: new Money(0),
      ourClosingBalance: new Money('1000'),
    });
    return saved.id;
  };
  const lookUp = (path: string, from = '198.51.100.1') =>
    fetch(`${h.api.url}${path}`, { redirect: 'manual', headers: { 'x-forwarded-for': from } });

  beforeAll(async () => {
    h = await startApiHarness('sec_short_links', { trustProxyHops: 1, shortLinkLookupsPerMinute: 5 });
    sent = [];
    periodId = await period('SL1');
    expiredPeriodId = await period('SL2');
  });
  afterAll(() => h?.stop());

  it('the e-mail shows the short link, random and stored only as a hash; the long one stays out of it', async () => {
    const mail = await send(periodId, 1);
    expect(mail.shortUrl).toMatch(SHORT);
    expect(mail.shortUrl!.startsWith(`${h.api.url}/c/`)).toBe(true);
    expect(mail.text).toContain(mail.shortUrl);
    expect(mail.text).not.toContain('token=');
    const code = SHORT.exec(mail.shortUrl!)![1];
    const [row] = (await h.db.dataSource.query(
      'SELECT short_code_hash AS hash FROM customer_confirmations WHERE period_id = ? AND round = 1',
      [periodId],
    )) as Array<{ hash: string }>;
    expect(row.hash).toBe(hashShortCode(code));
    expect(JSON.stringify(await h.db.dataSource.query('SELECT * FROM customer_confirmations'))).not.toContain(
      code,
    );
  });

  pdfIt(
    'the 询证函 and the statement carry the short link and its QR code; the reply slip stays on one page',
    async () => {
      const mail = sent[0];
      const letter = mail.attachments.find((a) => a.fileName.startsWith('confirmation'))!;
      const statement = mail.attachments.find((a) => a.fileName.startsWith('statement'))!;
      expect(letter).toBeDefined();
      expect(statement).toBeDefined();
      for (const pdf of [letter.content, statement.content]) {
        expect(qrCodesOf(pdf)).toEqual([mail.shortUrl]);
        const text = pdfToText(pdf);
        // Whole on one line: nothing to piece together from a wrapped token.
        expect(text.split('\n').some((line) => line.includes(mail.shortUrl!))).toBe(true);
        expect(text).not.toContain('token=');
      }
      const pages = pdfToText(letter.content).split('\f');
      const pageOf = (text: string, last = false) => {
        const found = pages.map((p, i) => (p.includes(text) ? i : -1)).filter((i) => i >= 0);
        return last ? found[found.length - 1] : found[0];
      };
      expect(pageOf('Signed by', true)).toBe(pageOf('回执'));
    },
  );

  it('/c/<code> leads to the round’s own confirmation link', async () => {
    const mail = sent[0];
    const response = await lookUp(new URL(mail.shortUrl!).pathname);
    expect(response.status).toBe(303);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const location = response.headers.get('location')!;
    expect(location.startsWith('/confirm?token=')).toBe(true);
    const token = new URL(location, h.api.url).searchParams.get('token')!;
    expect(token).toBe(new URL(mail.confirmationUrl).searchParams.get('token'));
    const [row] = (await h.db.dataSource.query(
      'SELECT link_token_hash AS hash FROM customer_confirmations WHERE period_id = ? AND round = 1',
      [periodId],
    )) as Array<{ hash: string }>;
    expect(hashToken(token)).toBe(row.hash);
    // And the link it leads to answers as the customer.
    const me = await h.call<{ me: { __typename: string } }>('{ me { __typename } }', {}, `Customer ${token}`);
    expect(me.errors).toBeUndefined();
    // What the link may not read is refused FORBIDDEN with its status, 403 (the probe got HTTP 500).
    const refused = await fetch(h.api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Customer ${token}` },
      body: JSON.stringify({ query: '{ verifyAuditChain { ok } }' }),
    });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors.map((error) => error.extensions)).toEqual([{ code: 'FORBIDDEN' }]);
  });

  it('a forged, expired or superseded code gets the page that says so', async () => {
    const forged = await lookUp('/c/abcdefghjkmn');
    expect(forged.status).toBe(404);
    expect(forged.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await forged.text()).toContain('此链接无效');
    expect((await lookUp('/c/x%27%20OR%201=1')).status).toBe(404);

    // Sent two hours ago with a one-hour link: expired, like its long link.
    const old = await send(expiredPeriodId, 1, () => new Date(Date.now() - 2 * 3600_000));
    const expired = await lookUp(new URL(old.shortUrl!).pathname, '198.51.100.2');
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This confirmation link has expired');

    // A second round revokes the first round's short link as it does its long one.
    const first = sent[0];
    const second = await send(periodId, 2);
    const revoked = await lookUp(new URL(first.shortUrl!).pathname, '198.51.100.2');
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).toContain('a newer statement was sent');
    expect((await lookUp(new URL(second.shortUrl!).pathname, '198.51.100.2')).status).toBe(303);
  });

  it('lookups are rate-limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await lookUp('/c/abcdefghjkmn', '203.0.113.9')).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    // The refusals past the limit were answered by the process without writing to the database.
    const [counted] = (await h.db.dataSource.query('SELECT attempts FROM login_throttle WHERE key_hash = ?', [
      windowKeyHash('short-link:203.0.113.9'),
    ])) as Array<{ attempts: number }>;
    expect(Number(counted!.attempts)).toBe(5);
    // Another address is not held up by it.
    expect((await lookUp('/c/abcdefghjkmn', '203.0.113.10')).status).toBe(404);
  });

  it('the limit holds across API processes: they share one count per address in the database', async () => {
    // Two more "processes" on the same database, as API_PROCESSES=2 runs them behind one port.
    const servers = [0, 1].map(() =>
      express()
        .use(
          shortLinkRouter({
            dataSource: h.db.dataSource,
            linkSecret: SECRETS.linkSecret,
            trustProxyHops: 1,
            lookupsPerMinute: 4,
          }),
        )
        .listen(0, '127.0.0.1'),
    );
    await Promise.all(servers.map((server) => new Promise((resolve) => server.once('listening', resolve))));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const { port } = servers[i % 2]!.address() as AddressInfo;
        const response = await fetch(`http://127.0.0.1:${port}/c/abcdefghjkmp`, {
          redirect: 'manual',
          headers: { 'x-forwarded-for': '203.0.113.77' },
        });
        statuses.push(response.status);
      }
      // Each process alone saw 3 lookups (within its 4); together they were 6.
      expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });

  it('behind a proxy with a path, it leads under PUBLIC_URL', async () => {
    const app = express().use(
      shortLinkRouter({
        dataSource: h.db.dataSource,
        linkSecret: SECRETS.linkSecret,
        trustProxyHops: 0,
        publicUrl: 'https://recon.example/ar/',
      }),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const latest = sent[sent.length - 1];
      const response = await fetch(`http://127.0.0.1:${port}${new URL(latest.shortUrl!).pathname}`, {
        redirect: 'manual',
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(
        `https://recon.example/ar/confirm?token=${new URL(latest.confirmationUrl).searchParams.get('token')}`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
