import type { RowDataPacket } from 'mysql2/promise';
import { ImportErrorCode, ImportFileError } from '../../imports/errors';
import {
  importLedgerFile,
  type LedgerImportOptions,
  type LedgerImportResult,
} from '../../imports/ledger-load';
import { createScratchDatabase, type ScratchDatabase } from './mysql-scratch';

let db: ScratchDatabase;
let customerId: string;
beforeAll(async () => {
  db = await createScratchDatabase('recon_ledger_test');
  customerId = await db.customer('C001');
});
afterAll(async () => {
  await db?.drop();
});

const csv = (name: string, ...lines: string[]) => ({
  buffer: Buffer.from(['凭证日期,发票号,类型,摘要,金额', ...lines].join('\n')),
  name,
});
const options = (
  file: LedgerImportOptions['file'],
  extra: Partial<LedgerImportOptions> = {},
): LedgerImportOptions => ({
  customerId,
  source: 'ERP-A',
  file,
  template: {
    columns: { date: '凭证日期', docNo: '发票号', kind: '类型', description: '摘要' },
    amount: { column: '金额' },
  },
  ...extra,
});
function imported(result: LedgerImportResult) {
  if (result.status !== 'IMPORTED') throw new Error(`expected IMPORTED, got ${JSON.stringify(result)}`);
  return result;
}

describe('importLedgerFile (MariaDB)', () => {
  it('loads entries keyed by document number; an entry in a later export is stored once', async () => {
    const january = imported(
      await importLedgerFile(
        db.conn,
        options(csv('jan.csv', '2026-01-05,INV-1,发票,货款,"1,000.00"', '2026-01-20,RC-1,收款,回款,(400)')),
      ),
    );
    expect(january).toMatchObject({ lineCount: 2, inserted: 2, alreadyPresent: 0, total: '600' });
    const overlapping = imported(
      await importLedgerFile(
        db.conn,
        options(csv('jan-feb.csv', '2026-01-20,RC-1,收款,回款,(400)', '2026-02-03,INV-2,发票,货款,50')),
      ),
    );
    expect(overlapping).toMatchObject({ lineCount: 2, inserted: 1, alreadyPresent: 1 });
    // Each import that changed our books is audited in its transaction (issue #20's audit chain).
    const [audits] = await db.conn.query<RowDataPacket[]>(
      "SELECT entity_id, after_state FROM audit_events WHERE action = 'ledger.entries_loaded' ORDER BY id",
    );
    const after = (a: RowDataPacket) =>
      (typeof a.after_state === 'string' ? JSON.parse(a.after_state) : a.after_state) as Record<
        string,
        number
      >;
    expect(audits.map((a) => [a.entity_id, after(a).created, after(a).unchanged])).toEqual([
      ['ERP-A', 2, 0],
      ['ERP-A', 1, 1],
    ]);
    const [rows] = await db.conn.query<RowDataPacket[]>(
      'SELECT external_id, kind, amount, source FROM ledger_entries WHERE customer_id = ? ORDER BY id',
      [customerId],
    );
    expect(rows.map((r) => [r.external_id, r.kind, r.amount, r.source])).toEqual([
      ['INV-1', 'INVOICE', '1000.0000', 'ERP-A'],
      ['RC-1', 'RECEIPT', '-400.0000', 'ERP-A'],
      ['INV-2', 'INVOICE', '50.0000', 'ERP-A'],
    ]);
    expect(
      (
        await importLedgerFile(
          db.conn,
          options(csv('jan.csv', '2026-01-05,INV-1,发票,货款,"1,000.00"', '2026-01-20,RC-1,收款,回款,(400)')),
        )
      ).status,
    ).toBe('DUPLICATE');
  });

  it('rejects a file with a repeated or missing document number, writing nothing', async () => {
    const result = await importLedgerFile(
      db.conn,
      options(
        csv('bad.csv', '2026-03-01,INV-9,发票,a,1', '2026-03-02,INV-9,发票,b,2', '2026-03-03,,发票,c,3'),
      ),
    );
    expect(result.status).toBe('REJECTED');
    if (result.status !== 'REJECTED') return;
    expect(result.issues.map((i) => [i.row, i.code])).toEqual([
      [3, ImportErrorCode.DUPLICATE_EXTERNAL_ID],
      [4, ImportErrorCode.MISSING_VALUE],
    ]);
    const [rows] = await db.conn.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM ledger_entries WHERE doc_no = 'INV-9'",
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it('skips entries already there through INSERT IGNORE too', async () => {
    const file = csv(
      'jan-insert.csv',
      '2026-01-05,INV-1,发票,货款,"1,000.00"',
      '2026-01-25,INV-3,发票,货款,7',
    );
    const result = imported(await importLedgerFile(db.conn, options(file, { bulkMethod: 'INSERT' })));
    expect(result).toMatchObject({ bulkMethod: 'INSERT', lineCount: 2, inserted: 1, alreadyPresent: 1 });
  });

  it('needs a template with ids and a plain source name', async () => {
    const noIds = { columns: { date: '凭证日期' }, amount: { column: '金额' } };
    await expect(
      importLedgerFile(db.conn, options(csv('x.csv'), { template: noIds })),
    ).rejects.toBeInstanceOf(ImportFileError);
    await expect(
      importLedgerFile(db.conn, options(csv('x.csv'), { source: "x'; DROP TABLE ledger_entries; --" })),
    ).rejects.toThrow(/source must be/);
  });
});
