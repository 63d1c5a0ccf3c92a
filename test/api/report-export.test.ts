import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningApi } from '../../api/server';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { readOutboxMessage } from '../../notifications/outbox-transport';
import { statementMessageId } from '../../notifications/statement-transport';
import { linkFromOutbox } from '../support/customer-links';
import { CLEAN_LINES, seedCustomer } from '../support/fixtures';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

describe('GET /reports/:kind from the database', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  let manager: string;
  let periodId: string;
  let otherPeriodId: string;

  beforeAll(async () => {
    h = await startPeriodHarness('reports');
    api = await startHarnessApi(h, {
      companyName: '上海对账科技有限公司',
      publicUrl: 'https://recon.example',
    });
    ({ manager } = await staffTokens(h.db.dataSource, [['manager', UserRole.MANAGER]]));
    await seedCustomer(h.db.dataSource, 'RPT', CLEAN_LINES, CLEAN_LINES.slice(0, 2));
    await seedCustomer(h.db.dataSource, 'RPT2', CLEAN_LINES, CLEAN_LINES);
    const opened = await h.periods.openPeriod('RPT', '2026-10-01', '2026-10-31');
    const other = await h.periods.openPeriod('RPT2', '2026-10-01', '2026-10-31');
    periodId = opened.period.id;
    otherPeriodId = other.period.id;
    await h.waitForStatus(opened.workflowId, PeriodStatus.IN_REVIEW);
    await h.waitForStatus(other.workflowId, PeriodStatus.AWAITING_CUSTOMER);
  });

  afterAll(async () => {
    await api?.stop();
    await h?.stop();
  });

  const get = (query: string, authorization?: string) =>
    fetch(`${api.url}/reports/${query}`, { headers: authorization ? { authorization } : {} });

  it('renders the statement of account as a PDF with the Chinese heading and the exact amounts', async () => {
    const response = await get(`statement?periodId=${periodId}&format=pdf`, manager);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'recon-pdf-')), 'statement.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('对账单');
    expect(text).toContain('上海对账科技有限公司');
    expect(text).toMatch(/1,?200\.50/);
    expect(text).toMatch(/300\.25/); // the closing balance
    // A downloaded copy never carries a confirmation link (#17.1): only the e-mailed one does.
    expect(text).not.toContain('token=');
    const other = await linkFromOutbox(h.db.dataSource, h.outbox, otherPeriodId);
    const mail = await readOutboxMessage(h.outbox, statementMessageId(otherPeriodId, 1));
    const attached = path.join(h.outbox, `${statementMessageId(otherPeriodId, 1)}-${mail.attachments[0]}`);
    const emailed = execFileSync('pdftotext', ['-layout', attached, '-'], { encoding: 'utf8' });
    // The e-mailed copy prints the round's short link (#19.10: the long one wrapped across lines),
    // the one the mail shows; test/security/short-links.test.ts follows it to `other.url`.
    expect(other.url).toContain('token=');
    expect(mail.shortUrl).toMatch(/\/c\/[2-9a-hjkmnp-z]{12}$/);
    expect(emailed.replace(/\s+/g, '')).toContain(mail.shortUrl);
    expect(emailed).not.toContain('token=');
  });

  it('exports the difference report, the bridge, aging, the summary and KPIs in every format', async () => {
    const differences = await get(`differences?periodId=${periodId}&format=csv&lang=en`, manager);
    expect(differences.status).toBe(200);
    expect(differences.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csv = await differences.text();
    expect(csv).toContain("Missing in customer's books"); // MISSING_IN_THEIRS, in words
    expect(csv).toContain(',-1200.50,'); // CSV keeps exact decimal text (no grouping in a cell it reads back)
    const bridge = await get(`bridge?periodId=${periodId}&format=xlsx`, manager);
    expect(bridge.status).toBe(200);
    expect(bridge.headers.get('content-type')).toContain('spreadsheetml');
    for (const query of [
      'aging?asOf=2026-11-30&format=csv',
      'summary?period=2026-10&format=csv',
      'kpi?from=2026-10-01&to=2026-10-31&format=csv',
    ]) {
      const response = await get(query, manager);
      expect(response.status).toBe(200);
      expect((await response.text()).length).toBeGreaterThan(20);
    }
    const aging = await (await get('aging?asOf=2026-11-30&format=csv&lang=en', manager)).text();
    expect(aging).toContain('RPT');
    expect(aging).toMatch(/300\.25/); // INV-002 is still open at the end of November
  });

  it('gives a customer link its own statement and nothing else; refuses bad requests cleanly', async () => {
    // RPT2's statement was sent (RPT's is in review): the link is the one in its e-mail.
    const customer = (await linkFromOutbox(h.db.dataSource, h.outbox, otherPeriodId)).authorization;
    expect((await get(`statement?periodId=${otherPeriodId}&format=csv`, customer)).status).toBe(200);
    expect((await get(`confirmation?periodId=${otherPeriodId}&format=pdf`, customer)).status).toBe(200);
    expect((await get(`statement?periodId=${periodId}&format=csv`, customer)).status).toBe(403);
    expect((await get(`differences?periodId=${otherPeriodId}&format=csv`, customer)).status).toBe(403);
    expect((await get('aging?asOf=2026-10-31&format=csv', customer)).status).toBe(403);
    expect((await get(`statement?periodId=${periodId}`)).status).toBe(401);
    expect((await get(`statement?periodId=${periodId}&format=docx`, manager)).status).toBe(400);
    expect((await get('statement?periodId=999999&format=csv', manager)).status).toBe(404);
    // An id is decoded as everywhere else: "07" is not period 7 (MariaDB would have compared it as 7).
    const notAnId = await get('statement?periodId=07&format=csv', manager);
    expect(notAnId.status).toBe(400);
    expect(await notAnId.json()).toMatchObject({
      error: { code: 'BAD_USER_INPUT', problems: [{ index: -1, field: 'periodId' }] },
    });
    expect((await get('nonsense?format=csv', manager)).status).toBe(404);
    expect((await get('aging?asOf=yesterday&format=csv', manager)).status).toBe(400);
  });
});
