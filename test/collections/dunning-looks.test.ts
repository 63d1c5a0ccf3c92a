import { Command } from 'commander';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDunningActivities } from '../../activities/collections/dunning';
import { register as registerImport } from '../../cli/commands/import';
import { DunningLookPoller, drainDunningLooks } from '../../collections/dunning-looks';
import { DunningStarter } from '../../collections/dunning-starter';
import { dunningWorkflowId, type DunningWorkflow } from '../../contract/collections/dunning';
import { DunningCloseReason, DunningTone } from '../../contract/credit/enums';
import { Customer } from '../../entities/customer.entity';
import { dateOfDay } from '../../formats/date';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { OutboxTransport } from '../../notifications/outbox-transport';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

const today = () => Math.floor(Date.now() / 86_400_000);
const day = (offset: number) => dateOfDay(today() + offset);
const invoice = (code: string, externalId: string, entryDate: string, amount: string) => ({
  customerCode: code,
  source: 'erp',
  externalId,
  entryDate,
  kind: 'INVOICE',
  amount,
  currency: 'CNY',
  docNo: externalId,
});

/** `recon import ledger …` in-process, as an operator runs it: no Temporal client anywhere. */
async function reconImport(...args: string[]): Promise<number> {
  const program = new Command('recon').exitOverride();
  registerImport(program);
  const quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'recon', 'import', ...args]);
    return Number(process.exitCode ?? 0);
  } finally {
    process.exitCode = 0;
    quiet.mockRestore();
  }
}

describe('payments reach the dunning workflow whoever records them (real Temporal and MariaDB)', () => {
  let h: PeriodHarness;
  const savedUrl = process.env.DATABASE_URL;
  const looks = async () =>
    (
      (await h.db.dataSource.query(
        'SELECT c.code FROM dunning_looks l JOIN customers c ON c.id = l.customer_id ORDER BY c.code',
      )) as Array<{ code: string }>
    ).map((row) => row.code);
  const sentLevels = async (code: string) =>
    (
      (await h.db.dataSource.query(
        "SELECT l.level FROM dunning_letters l JOIN customers c ON c.id = l.customer_id WHERE c.code = ? AND l.status = 'SENT' ORDER BY l.level",
        [code],
      )) as Array<{ level: number }>
    ).map((row) => Number(row.level));

  beforeAll(async () => {
    h = await startPeriodHarness('dunning_looks');
    const url = new URL(h.db.config.url);
    url.pathname = `/${h.db.config.database}`;
    if (h.db.config.socketPath) url.searchParams.set('socket', h.db.config.socketPath);
    process.env.DATABASE_URL = url.toString();
  }, 180_000);

  afterAll(async () => {
    process.env.DATABASE_URL = savedUrl;
    for (const code of ['L1', 'L3'])
      await h?.env.client.workflow
        .getHandle(dunningWorkflowId(code))
        .terminate('test over')
        .catch(() => undefined);
    await h?.stop();
  });

  it('a receipt imported by the CLI closes the case PAID within the poll, not at the next level’s day', async () => {
    const customers = h.db.dataSource.getRepository(Customer);
    const l1 = await customers.save({ code: 'L1', name: '导入付款客户', currency: 'CNY' });
    await customers.save({ code: 'L2', name: 'no case', currency: 'CNY' });
    // Net 30: due ten days ago, so level 1 (+3 days) is due now and level 2 (+15) in five days.
    await upsertLedgerEntries(h.db.dataSource, [
      invoice('L1', 'INV-1', day(-40), '1000'),
      invoice('L2', 'INV-2', day(-40), '300'),
    ]);
    const starter = new DunningStarter(h.env.client, h.taskQueue);
    await starter.start(l1, day(-10));
    for (let i = 0; i < 150 && (await sentLevels('L1')).length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sentLevels('L1')).toEqual([1]);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-dunning-looks-'));
    const template = path.join(dir, 'template.json');
    writeFileSync(
      template,
      JSON.stringify({ columns: { date: '日期', docNo: '单号' }, amount: { column: '金额' } }),
    );
    const receipt = (name: string, docNo: string, amount: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, `日期,单号,金额\n${day(0)},${docNo},${amount}\n`);
      return file;
    };
    expect(
      await reconImport(
        'ledger',
        receipt('l1.csv', 'RC-1', '-1000'),
        '-c',
        'L1',
        '-s',
        'SAP',
        '-t',
        template,
      ),
    ).toBe(0);
    expect(
      await reconImport('ledger', receipt('l2.csv', 'RC-2', '-300'), '-c', 'L2', '-s', 'SAP', '-t', template),
    ).toBe(0);
    // The import's own transaction noted L1 (its case is open); L2 has no case, so nothing to tell.
    expect(await looks()).toEqual(['L1']);

    const handle = h.env.client.workflow.getHandle<DunningWorkflow>(dunningWorkflowId('L1'));
    const poller = new DunningLookPoller(h.db.dataSource, starter, 100);
    const started = Date.now();
    poller.start();
    try {
      expect(await handle.result()).toMatchObject({ closeReason: DunningCloseReason.PAID, levelsSent: [1] });
    } finally {
      await poller.stop();
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await looks()).toEqual([]);
    expect(await sentLevels('L1')).toEqual([1]);
  }, 120_000);

  it('keeps a look whose signal failed, and drops one for a case no longer running', async () => {
    const l3 = await h.db.dataSource
      .getRepository(Customer)
      .save({ code: 'L3', name: 'kept', currency: 'CNY' });
    await upsertLedgerEntries(h.db.dataSource, [invoice('L3', 'INV-3', day(-40), '500')]);
    await h.db.dataSource.query(
      "INSERT INTO dunning_cases (customer_id, cycle, status, workflow_id) VALUES (?, ?, 'ACTIVE', ?)",
      [l3.id, day(-10), dunningWorkflowId('L3')],
    );
    await upsertLedgerEntries(h.db.dataSource, [
      { ...invoice('L3', 'RC-3', day(0), '-100'), kind: 'RECEIPT' },
    ]);
    expect(await looks()).toEqual(['L3']);
    const down = {
      handle: () => ({
        signal: () => Promise.reject(new Error('Temporal unavailable')),
      }),
    } as unknown as DunningStarter;
    expect(await drainDunningLooks(h.db.dataSource, down)).toEqual({ signalled: [], kept: 1 });
    expect(await looks()).toEqual(['L3']);
    // No workflow dunning-L3 runs: nothing to hear, the row goes.
    const starter = new DunningStarter(h.env.client, h.taskQueue);
    expect(await drainDunningLooks(h.db.dataSource, starter)).toEqual({ signalled: [], kept: 0 });
    expect(await looks()).toEqual([]);
  });

  it('never sends a level after a payment that covers it: the letter waits for the paying transaction', async () => {
    const customers = h.db.dataSource.getRepository(Customer);
    const l4 = await customers.save({
      code: 'L4',
      name: '竞态客户',
      currency: 'CNY',
      contactEmail: 'ap@l4.test',
    });
    await upsertLedgerEntries(h.db.dataSource, [invoice('L4', 'INV-4', day(-40), '800')]);
    const outbox = path.join(mkdtempSync(path.join(os.tmpdir(), 'recon-dunning-race-')), 'outbox');
    const act = createDunningActivities({
      dataSource: h.db.dataSource,
      transport: new OutboxTransport(outbox),
      customerLinks: { secret: 'l'.repeat(32), publicUrl: 'http://recon.test', ttlSeconds: 3600 },
      companyName: '本公司 Our Company',
    });
    const { caseId } = await act.openDunningCase({ customerId: l4.id, cycle: day(-10) });
    expect((await act.overdueOf({ customerId: l4.id, asOf: day(0) })).paid).toBe(false);
    // A payment in flight (written, not yet committed) when the letter goes.
    const paying = h.db.dataSource.createQueryRunner();
    await paying.connect();
    await paying.startTransaction();
    let letter: Awaited<ReturnType<typeof act.sendDunningLetter>> | undefined;
    try {
      await paying.query(
        `INSERT INTO ledger_entries (customer_id, source, external_id, entry_date, kind, amount, currency)
         VALUES (?, 'bank', 'RC-4', ?, 'RECEIPT', -800, 'CNY')`,
        [l4.id, day(0)],
      );
      const sending = act
        .sendDunningLetter({
          caseId,
          customerId: l4.id,
          cycle: day(-10),
          level: 1,
          tone: DunningTone.FRIENDLY,
          asOf: day(0),
        })
        .then((answer) => (letter = answer));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(letter).toBeUndefined(); // waiting for the payment's transaction
      await paying.commitTransaction();
      await sending;
    } finally {
      await paying.release();
    }
    expect(letter).toMatchObject({ sent: false, paid: true });
    expect(await sentLevels('L4')).toEqual([]);
    const [{ n }] = (await h.db.dataSource.query(
      'SELECT COUNT(*) AS n FROM dunning_letters WHERE customer_id = ?',
      [l4.id],
    )) as Array<{ n: string }>;
    expect(Number(n)).toBe(0);
    let mails: string[] = [];
    try {
      mails = readdirSync(outbox);
    } catch {
      mails = [];
    }
    expect(mails).toEqual([]);
  });
});
