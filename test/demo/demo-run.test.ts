import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config/config';
import { dropDatabase } from '../../db/ensure-database';
import { DEMO_USERS, demoOtpauthUri } from '../../demo/load-demo';

const DEMO = path.resolve(__dirname, '../../dist/main/demo.js');

describe('the README demo command', () => {
  const database = `recon_t_demo_${process.pid}`;
  const base = loadConfig({}).database;
  const dbConfig = { ...base, database };

  afterAll(() => dropDatabase(dbConfig));

  it('reconciles the demo month end to end on its own Temporal dev server, with GraphQL up', () => {
    expect(existsSync(DEMO)).toBe(true); // scripts/test.sh builds before jest runs
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'recon-demo-'));
    const run = () =>
      spawnSync(process.execPath, [DEMO, '--exit'], {
        env: {
          ...process.env,
          DATABASE_URL: base.url.replace(/\/[^/]*$/, `/${database}`),
          RECON_DATA_DIR: dataDir,
          HTTP_PORT: '0',
          TEMPORAL_ADDRESS: '',
        },
        encoding: 'utf8',
        timeout: 240_000,
      });
    const first = run();
    expect(first.stderr).not.toMatch(/could not start/);
    expect(first.status).toBe(0);
    const out = first.stdout;
    expect(out).toContain('C001 上海华东机电有限公司 — 2026-10 — CLOSED');
    for (const code of ['C002', 'C003', 'C004'])
      expect(out).toMatch(new RegExp(`${code} .* — 2026-10 — IN_REVIEW`));
    expect(out.match(/bridge ties to the cent ✓/g)).toHaveLength(4);
    expect(out).toMatch(/GraphQL: http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(out).toContain("export RECON_TOKEN='");
    expect(out).toMatch(/open http:\/\/127\.0\.0\.1:\d+\/ and sign in/);
    for (const user of DEMO_USERS) expect(out).toMatch(new RegExp(`${user.email}\\s+${user.password}`));
    // Managers and the admin must use two-factor sign-in: their authenticator links are printed.
    const links = DEMO_USERS.map(demoOtpauthUri).filter((uri): uri is string => uri !== null);
    expect(links).toHaveLength(3);
    for (const uri of links) expect(out).toContain(uri);
    // One customer over its credit limit (#21): the check the ERP would get says BLOCK.
    expect(out).toMatch(
      /信用 Credit: C00\d exposure [\d.]+ CNY against a limit of [\d.]+: creditCheck says BLOCK \(OVER_LIMIT\)/,
    );
    // One customer in dunning (#21): its 催款函 is in the outbox, the PDF beside the message.
    const dunning =
      /催款 Dunning: (C00\d) owes \d+\.\d\d CNY overdue; its level (\d) 催款函 is in the outbox \((.+)\.json and its PDF\)/.exec(
        out,
      );
    expect(dunning).not.toBeNull();
    expect(dunning![3].startsWith(dataDir)).toBe(true);
    const mail = JSON.parse(readFileSync(`${dunning![3]}.json`, 'utf8')) as {
      subject: string;
      attachments: string[];
    };
    expect(mail.subject).toMatch(/付款提醒函|催款函|最后催款通知/);
    expect(mail.attachments).toEqual([
      expect.stringMatching(new RegExp(`^dunning-L${dunning![2]}.*\\.pdf$`)),
    ]);
    expect(existsSync(`${dunning![3]}-${mail.attachments[0]}`)).toBe(true);
  });
});
