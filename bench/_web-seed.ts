import type { DataSource } from 'typeorm';

export interface LargePeriodSeed {
  code: string;
  /** Document numbers of the line pairs that only a clerk can match (ours, theirs), in page order. */
  manualPairs: Array<{ ours: string; theirs: string }>;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * One customer with `lines` ledger entries and an October statement of `lines` lines. All but
 * `pairs` of them are the same invoice on both sides (matched at once by reference); each of the
 * `pairs` is one of our invoices and a transfer of the customer's under another number, 345.67
 * apart (beyond the default tolerance of 50 / 0.5 %): no rule pairs them, a clerk matches them by
 * hand. Written with multi-row INSERTs, amounts in integer cents so the closing balance is exact.
 */
export async function seedLargePeriod(
  dataSource: DataSource,
  code: string,
  lines: number,
  pairs: number,
): Promise<LargePeriodSeed> {
  if (pairs > lines) throw new Error(`pairs (${pairs}) must not exceed lines (${lines})`);
  const result = (await dataSource.query(
    'INSERT INTO customers (code, name, currency, contact_email) VALUES (?, ?, ?, ?)',
    [code, `大客户 ${code} 有限公司`, 'CNY', `ap@${code.toLowerCase()}.invalid`],
  )) as { insertId: number };
  const customerId = result.insertId;
  const matched = lines - pairs;
  type Row = { doc: string; date: string; cents: number; kind: string };
  const ours: Row[] = [];
  const theirs: Row[] = [];
  for (let k = 0; k < matched; k++) {
    const row = {
      doc: `INV-W${pad(k + 1, 6)}`,
      date: `2026-10-${pad(1 + (k % 28), 2)}`,
      cents: 10_000 + ((k * 7919) % 90_000) * 100 + (k % 100),
      kind: 'INVOICE',
    };
    ours.push(row);
    theirs.push(row);
  }
  const manualPairs: LargePeriodSeed['manualPairs'] = [];
  for (let j = 0; j < pairs; j++) {
    const cents = 2_000_000 + j * 3_700 + 11;
    ours.push({ doc: `MAN-O-${pad(j + 1, 3)}`, date: '2026-10-05', cents, kind: 'INVOICE' });
    theirs.push({
      doc: `PAY-T-${pad(j + 1, 3)}`,
      date: '2026-10-29',
      cents: cents + 34_567,
      kind: 'INVOICE',
    });
    manualPairs.push({ ours: `MAN-O-${pad(j + 1, 3)}`, theirs: `PAY-T-${pad(j + 1, 3)}` });
  }
  const money = (cents: number) => `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;

  for (let start = 0; start < ours.length; start += 1000) {
    const chunk = ours.slice(start, start + 1000);
    await dataSource.query(
      `INSERT INTO ledger_entries (source, external_id, customer_id, entry_date, doc_no, kind, amount, currency)
       VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((r) => [
        'bench-erp',
        `${code}-${r.doc}`,
        customerId,
        r.date,
        r.doc,
        r.kind,
        money(r.cents),
        'CNY',
      ]),
    );
  }
  const closing = theirs.reduce((sum, r) => sum + r.cents, 0);
  const statement = (await dataSource.query(
    `INSERT INTO customer_statements (customer_id, period_start, period_end, currency, opening_balance,
       closing_balance, source, source_ref, line_count)
     VALUES (?, '2026-10-01', '2026-10-31', 'CNY', 0, ?, 'API', ?, ?)`,
    [customerId, money(closing), `bench-${code}-2026-10`, theirs.length],
  )) as { insertId: number };
  for (let start = 0; start < theirs.length; start += 1000) {
    const chunk = theirs.slice(start, start + 1000);
    await dataSource.query(
      `INSERT INTO statement_lines (statement_id, line_no, external_id, txn_date, doc_no, kind, amount, currency)
       VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((r, i) => [
        statement.insertId,
        start + i + 1,
        `L${start + i + 1}`,
        r.date,
        r.doc,
        r.kind,
        money(r.cents),
        'CNY',
      ]),
    );
  }
  return { code, manualPairs };
}
