import { Command } from 'commander';
import ExcelJS from 'exceljs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createDunningActivities } from '../../activities/collections/dunning';
import { register as registerExport } from '../../cli/commands/export';
import { DisputeOutcome, type DunningActivities } from '../../contract/collections/dunning';
import {
  DunningCaseStatus,
  DunningCloseReason,
  DunningTone,
  PromiseStatus,
} from '../../contract/credit/enums';
import { UserRole } from '../../contract/enums';
import { startDunningBatch } from '../../collections/dunning-batch';
import { Customer } from '../../entities/customer.entity';
import { upsertLedgerEntries } from '../../ledger/ledger.service';
import { OutboxTransport, readOutboxMessage } from '../../notifications/outbox-transport';
import { userActor } from '../support/actors';
import { createTestDatabase, type TestDatabase } from '../support/database';

const clerk = userActor('7', UserRole.CLERK, 'clerk');
const entry = (code: string, id: string, date: string, kind: string, amount: string) => ({
  customerCode: code,
  source: 'erp',
  externalId: id,
  entryDate: date,
  kind,
  amount,
  currency: 'CNY',
  docNo: id,
});

describe('the dunning activities over MariaDB', () => {
  let db: TestDatabase;
  let outbox: string;
  let act: DunningActivities;
  let customerId: string;

  beforeAll(async () => {
    db = await createTestDatabase('dunning_activities');
    outbox = path.join(mkdtempSync(path.join(os.tmpdir(), 'recon-dunning-')), 'outbox');
    const customers = db.dataSource.getRepository(Customer);
    customerId = (
      await customers.save({
        code: 'D1',
        name: '催款客户 Dunned Ltd',
        currency: 'CNY',
        contactEmail: 'ap@d1.test',
      })
    ).id;
    await customers.save({ code: 'D2', name: 'paid up', currency: 'CNY' });
    await customers.save({ code: 'D3', name: 'nothing due yet', currency: 'CNY' });
    // Net 30 (the default): INV-1 falls due 2026-01-31, INV-2 on 2026-03-12.
    await upsertLedgerEntries(db.dataSource, [
      entry('D1', 'INV-1', '2026-01-01', 'INVOICE', '1000'),
      entry('D1', 'INV-2', '2026-02-10', 'INVOICE', '500'),
      entry('D2', 'INV-9', '2026-01-01', 'INVOICE', '300'),
      entry('D2', 'RC-9', '2026-01-20', 'RECEIPT', '-300'),
      entry('D3', 'INV-8', '2026-02-25', 'INVOICE', '80'),
    ]);
    act = createDunningActivities({
      dataSource: db.dataSource,
      transport: new OutboxTransport(outbox),
      customerLinks: { secret: 'l'.repeat(32), publicUrl: 'http://recon.test', ttlSeconds: 3600 },
      companyName: '本公司 Our Company',
      companyContact: 'ar@recon.test',
    });
  }, 120_000);

  afterAll(() => db?.drop());

  const letterRows = () =>
    db.dataSource.query(
      'SELECT level, status, CAST(total_overdue AS CHAR) AS total FROM dunning_letters ORDER BY level',
    ) as Promise<Array<{ level: number; status: string; total: string }>>;

  it('opens one case per customer and cycle, however often it is asked', async () => {
    const first = await act.openDunningCase({ customerId, cycle: '2026-01-31' });
    const again = await act.openDunningCase({ customerId, cycle: '2026-01-31' });
    expect(again).toEqual(first);
    expect(first.levelsSent).toEqual([]);
    const [row] = (await db.dataSource.query(
      'SELECT COUNT(*) AS n, MAX(workflow_id) AS wf FROM dunning_cases WHERE customer_id = ?',
      [customerId],
    )) as Array<{ n: string; wf: string }>;
    expect(Number(row.n)).toBe(1);
    expect(row.wf).toBe('dunning-D1');
  });

  it('counts as overdue the open items past their due date, in the customer currency', async () => {
    await expect(act.overdueOf({ customerId, asOf: '2026-03-01' })).resolves.toEqual({
      overdue: '1000',
      paid: false,
    });
    await expect(act.overdueOf({ customerId, asOf: '2026-03-13' })).resolves.toEqual({
      overdue: '1500',
      paid: false,
    });
    await expect(act.overdueOf({ customerId, asOf: '2026-01-31' })).resolves.toEqual({
      overdue: '0',
      paid: true,
    });
  });

  it('sends a level once: the 催款函 PDF lands in the outbox, a retry and a concurrent attempt send nothing', async () => {
    const { caseId } = await act.openDunningCase({ customerId, cycle: '2026-01-31' });
    const request = {
      caseId,
      customerId,
      cycle: '2026-01-31',
      level: 2,
      tone: DunningTone.FIRM,
      asOf: '2026-03-01',
    };
    const results = await Promise.all([act.sendDunningLetter(request), act.sendDunningLetter(request)]);
    expect(results.map((r) => r.sent).sort()).toEqual([false, true]);
    expect(await act.sendDunningLetter({ ...request, asOf: '2026-03-05' })).toEqual({
      sent: false,
      messageId: results[0].messageId,
      paid: false,
    });
    expect(await letterRows()).toEqual([{ level: 2, status: 'SENT', total: '1000.0000' }]);

    const files = readdirSync(outbox);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const message = await readOutboxMessage(outbox, results[0].messageId);
    expect(message.to).toBe('ap@d1.test');
    expect(message.subject).toContain('催款函');
    expect(message.text).toContain('INV-1');
    expect(message.attachments).toHaveLength(1);
    const pdf = readFileSync(
      path.join(
        outbox,
        files.find((f) => f.endsWith('.pdf'))!,
      ),
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const audit = (await db.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_events WHERE action = 'dunning.letter_sent'",
    )) as Array<{ n: string }>;
    expect(Number(audit[0].n)).toBe(1);
    // A case opened again for the same cycle (a workflow restarted) learns the level went out.
    expect((await act.openDunningCase({ customerId, cycle: '2026-01-31' })).levelsSent).toEqual([2]);
  });

  it('re-sends a claimed letter whose mail may not have left (worker died), with the data it was claimed with', async () => {
    const { caseId } = await act.openDunningCase({ customerId, cycle: '2026-01-31' });
    // As if the worker died after claiming level 3 and before the transport took it.
    await db.dataSource.query(
      `INSERT INTO dunning_letters (case_id, customer_id, cycle, level, tone, message_id, as_of, currency, total_overdue, document)
       SELECT case_id, customer_id, cycle, 3, 'FINAL', 'dunning-x-L3', as_of, currency, total_overdue, document
         FROM dunning_letters WHERE level = 2`,
    );
    const result = await act.sendDunningLetter({
      caseId,
      customerId,
      cycle: '2026-01-31',
      level: 3,
      tone: DunningTone.FINAL,
      asOf: '2026-03-20',
    });
    expect(result).toEqual({ sent: true, messageId: 'dunning-x-L3', paid: false });
    expect((await letterRows()).map((r) => [r.level, r.status])).toEqual([
      [2, 'SENT'],
      [3, 'SENT'],
    ]);
  });

  it('escalates once per case and key', async () => {
    const { caseId } = await act.openDunningCase({ customerId, cycle: '2026-01-31' });
    const input = { caseId, customerId, level: 3, key: 'level-3', reason: 'final notice sent' };
    const first = await act.escalateDunning(input);
    expect(first.taskId).toMatch(/^\d+$/);
    expect(await act.escalateDunning(input)).toEqual(first);
    const rows = (await db.dataSource.query('SELECT COUNT(*) AS n FROM dunning_escalations')) as Array<{
      n: string;
    }>;
    expect(Number(rows[0].n)).toBe(1);
    const [kase] = (await db.dataSource.query('SELECT escalated_at FROM dunning_cases WHERE id = ?', [
      caseId,
    ])) as Array<{ escalated_at: Date | null }>;
    expect(kase.escalated_at).not.toBeNull();
  });

  it('settles a promise: broken without a payment, kept when the payment came in; a retry answers the same', async () => {
    const { caseId } = await act.openDunningCase({ customerId, cycle: '2026-01-31' });
    const base = { caseId, customerId, actor: clerk, note: null, asOf: '2026-03-01' };
    const broken = await act.recordPromise({ ...base, promisedDate: '2026-03-05', amount: '400' });
    expect(await act.recordPromise({ ...base, promisedDate: '2026-03-05', amount: '400' })).toEqual(broken);
    expect(await act.settlePromise({ promiseId: broken.promiseId, asOf: '2026-03-06' })).toEqual({
      kept: false,
      paid: false,
    });
    expect(await act.settlePromise({ promiseId: broken.promiseId, asOf: '2026-03-06' })).toEqual({
      kept: false,
      paid: false,
    });

    const kept = await act.recordPromise({
      ...base,
      promisedDate: '2026-03-10',
      amount: '400',
      asOf: '2026-03-06',
    });
    expect(kept.promiseId).not.toBe(broken.promiseId);
    await upsertLedgerEntries(db.dataSource, [entry('D1', 'RC-1', '2026-03-09', 'RECEIPT', '-400')]);
    expect(await act.settlePromise({ promiseId: kept.promiseId, asOf: '2026-03-11' })).toEqual({
      kept: true,
      paid: false,
    });
    const rows = (await db.dataSource.query(
      'SELECT status, CAST(received AS CHAR) AS received FROM dunning_promises ORDER BY id',
    )) as Array<{ status: string; received: string }>;
    expect(rows).toEqual([
      { status: PromiseStatus.BROKEN, received: '0.0000' },
      { status: PromiseStatus.KEPT, received: '400.0000' },
    ]);
  });

  it('records and resolves a dispute once; closing the case cancels a promise still open', async () => {
    const { caseId } = await act.openDunningCase({ customerId, cycle: '2026-01-31' });
    const input = { caseId, customerId, actor: clerk, reason: 'INV-1 price wrong', amount: '100' };
    const { disputeId } = await act.recordDispute(input);
    expect(await act.recordDispute(input)).toEqual({ disputeId });
    const resolve = { disputeId, actor: clerk, outcome: DisputeOutcome.UPHELD, note: 'credit note follows' };
    await act.resolveDispute(resolve);
    await act.resolveDispute(resolve);
    const [dispute] = (await db.dataSource.query('SELECT status, outcome FROM dunning_disputes')) as Array<{
      status: string;
      outcome: string;
    }>;
    expect(dispute).toEqual({ status: 'RESOLVED', outcome: 'UPHELD' });

    await act.recordPromise({
      caseId,
      customerId,
      actor: clerk,
      promisedDate: '2026-03-30',
      amount: null,
      note: 'all of it',
      asOf: '2026-03-20',
    });
    await act.setDunningCaseStatus({
      caseId,
      status: DunningCaseStatus.CLOSED,
      closeReason: DunningCloseReason.DISPUTED,
      levelsSent: [2, 3],
    });
    const [kase] = (await db.dataSource.query('SELECT status, close_reason FROM dunning_cases WHERE id = ?', [
      caseId,
    ])) as Array<{ status: string; close_reason: string }>;
    expect(kase).toEqual({ status: 'CLOSED', close_reason: 'DISPUTED' });
    const open = (await db.dataSource.query(
      "SELECT status FROM dunning_promises WHERE note = 'all of it'",
    )) as Array<{
      status: string;
    }>;
    expect(open).toEqual([{ status: PromiseStatus.CANCELLED }]);
  });

  it('the daily batch starts a case for each customer with something overdue, not for an upheld cycle', async () => {
    const started: Array<[string, string]> = [];
    const starter = {
      start: async (customer: { id: string; code: string }, cycle: string) => {
        started.push([customer.code, cycle]);
        return true;
      },
    };
    // D1's 2026-01-31 cycle closed on an upheld dispute (above): not dunned again for it.
    const first = await startDunningBatch(
      db.dataSource,
      starter,
      { asOf: '2026-03-20', afterCustomerId: null },
      2,
    );
    expect(first).toMatchObject({ customers: 2, started: 0 });
    const second = await startDunningBatch(
      db.dataSource,
      starter,
      { asOf: '2026-03-30', afterCustomerId: first.lastCustomerId },
      2,
    );
    expect(second).toEqual({ customers: 1, started: 1, lastCustomerId: null });
    expect(started).toEqual([['D3', '2026-03-27']]);
  });

  it('exports a sent 催款函 again as PDF, and the collection KPIs as XLSX (recon export)', async () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = db.config.url;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-dunning-export-'));
    const recon = async (...args: string[]) => {
      const program = new Command('recon').exitOverride();
      registerExport(program);
      const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        await program.parseAsync(['node', 'recon', ...args]);
      } finally {
        log.mockRestore();
      }
    };
    try {
      const pdf = path.join(dir, 'letter.pdf');
      await recon('export', 'dunning-letter', '--customer', 'D1', '--level', '2', '--out', pdf);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      await expect(
        recon('export', 'dunning-letter', '--customer', 'D1', '--level', '1', '--out', pdf),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });

      const xlsx = path.join(dir, 'kpis.xlsx');
      await recon(
        'export',
        'collection-kpis',
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-31',
        '--format',
        'xlsx',
        '--out',
        xlsx,
      );
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(xlsx);
      const cells: string[] = [];
      book.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
      const text = cells.join(' | ');
      expect(text).toContain('DSO');
      expect(text).toContain('CEI');
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it("keeps an open case's collection task in the day's order, a manager's task for an escalation, both closed with the case", async () => {
    const d4 = (
      await db.dataSource.getRepository(Customer).save({ code: 'D4', name: 'collected', currency: 'CNY' })
    ).id;
    await upsertLedgerEntries(db.dataSource, [entry('D4', 'INV-40', '2026-01-01', 'INVOICE', '2000')]);
    const at = new Date('2026-03-01T08:00:00Z');
    const dated = createDunningActivities({
      dataSource: db.dataSource,
      transport: new OutboxTransport(outbox),
      customerLinks: { secret: 'l'.repeat(32), publicUrl: 'http://recon.test', ttlSeconds: 3600 },
      now: () => at,
    });
    const tasksOfD4 = () =>
      db.dataSource.query(
        `SELECT type, queue, status, priority, due_at, period_id, CAST(dunning_case_id AS CHAR) AS case_id,
                JSON_VALUE(title_params, '$.days') AS days, outcome
           FROM tasks WHERE customer_id = ? ORDER BY id`,
        [d4],
      ) as Promise<Array<Record<string, unknown>>>;
    const { caseId } = await dated.openDunningCase({ customerId: d4, cycle: '2026-01-31' });
    // Opened on 2026-03-01: 2,000 × 29 days × 2 (class B, unscored) = 116,000 → 5064, due by the day's end.
    expect(await tasksOfD4()).toEqual([
      expect.objectContaining({
        type: 'COLLECTION',
        queue: 'CLERK',
        status: 'OPEN',
        priority: 5064,
        due_at: new Date('2026-03-02T00:00:00Z'),
        period_id: null,
        case_id: caseId,
        days: '29',
      }),
    ]);
    // The daily refresh, nine days on: 2,000 × 38 × 2 = 152,000 → 5182; run again, it writes nothing.
    expect(await dated.refreshCollectionTasks({ asOf: '2026-03-10' })).toMatchObject({ created: 0 });
    expect(await tasksOfD4()).toEqual([
      expect.objectContaining({ priority: 5182, due_at: new Date('2026-03-11T00:00:00Z'), days: '38' }),
    ]);
    expect(await dated.refreshCollectionTasks({ asOf: '2026-03-10' })).toEqual({
      created: 0,
      updated: 0,
      cancelled: 0,
    });

    const escalation = await dated.escalateDunning({
      caseId,
      customerId: d4,
      level: 3,
      key: 'level-3',
      reason: 'final notice (level 3) sent',
    });
    expect(
      await dated.escalateDunning({ caseId, customerId: d4, level: 3, key: 'level-3', reason: 'again' }),
    ).toEqual(escalation);
    const [, manager] = await tasksOfD4();
    expect(manager).toMatchObject({
      type: 'DUNNING_ESCALATION',
      queue: 'MANAGER',
      status: 'OPEN',
      period_id: null,
      case_id: caseId,
      due_at: new Date('2026-03-03T08:00:00Z'),
    });
    const [{ id }] = (await db.dataSource.query(
      "SELECT CAST(id AS CHAR) AS id FROM tasks WHERE customer_id = ? AND type = 'DUNNING_ESCALATION'",
      [d4],
    )) as Array<{ id: string }>;
    expect(escalation.taskId).toBe(id);

    await dated.setDunningCaseStatus({
      caseId,
      status: DunningCaseStatus.CLOSED,
      closeReason: DunningCloseReason.PAID,
      levelsSent: [],
    });
    expect((await tasksOfD4()).map((t) => [t.type, t.status, t.outcome])).toEqual([
      ['COLLECTION', 'CANCELLED', 'the dunning case closed (PAID)'],
      ['DUNNING_ESCALATION', 'CANCELLED', 'the dunning case closed (PAID)'],
    ]);
  });
});
