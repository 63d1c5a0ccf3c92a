import type { DataSource } from 'typeorm';
import { TWO_FACTOR_ROLES_SETTING } from '../auth/two-factor-roles';

export interface SoakSeedSize {
  customers: number;
  /** Invoices per customer in October, the same on both sides. */
  linesPerSide: number;
  /** Every Nth customer's statement also carries a bank fee our books lack: one difference to review. */
  differenceEvery: number;
  clerks: number;
  managers: number;
}

export interface SoakUser {
  id: string;
  role: 'CLERK' | 'MANAGER';
}

/** The fee a customer with a difference charged: the difference (and its adjustment) is this amount. */
export const SOAK_FEE = '-8.50';
const CHUNK = 500;

const code = (i: number) => `S${String(i + 1).padStart(6, '0')}`;
const amount = (i: number, k: number) =>
  `${100 + ((i * 7 + k * 13) % 900)}.${String((i + k) % 100).padStart(2, '0')}`;
const day = (k: number) => `2026-10-${String(1 + (k % 28)).padStart(2, '0')}`;

/** Exact sum of decimal strings with two places (integer cents). */
function sumCents(amounts: string[]): string {
  const cents = amounts.reduce((total, a) => total + Math.round(Number(a) * 100), 0);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * October for N monthly customers: our invoices and the customer's statement of the same lines,
 * plus a fee on every Nth statement; and the staff who work the queues. Multi-row INSERTs a few
 * hundred customers at a time, so 10,000 customers take seconds.
 */
export async function seedSoak(dataSource: DataSource, size: SoakSeedSize): Promise<SoakUser[]> {
  for (let start = 0; start < size.customers; start += CHUNK) {
    const indexes = Array.from({ length: Math.min(CHUNK, size.customers - start) }, (_, j) => start + j);
    await dataSource.query(
      `INSERT INTO customers (code, name, currency) VALUES ${indexes.map(() => '(?, ?, ?)').join(', ')}`,
      indexes.flatMap((i) => [code(i), `浸泡客户 ${code(i)}`, 'CNY']),
    );
    const rows = (await dataSource.query(
      `SELECT CAST(id AS CHAR) AS id, code FROM customers WHERE code IN (${indexes.map(() => '?').join(', ')})`,
      indexes.map(code),
    )) as Array<{ id: string; code: string }>;
    const idOf = new Map(rows.map((r) => [r.code, r.id]));
    const lineNumbers = Array.from({ length: size.linesPerSide }, (_, k) => k);
    const hasFee = (i: number) => (i + 1) % size.differenceEvery === 0;

    const entries = indexes.flatMap((i) =>
      lineNumbers.map((k) => [
        'soak',
        `${code(i)}-${k}`,
        idOf.get(code(i)),
        day(k),
        `INV-${code(i)}-${k}`,
        'INVOICE',
        amount(i, k),
        'CNY',
      ]),
    );
    await dataSource.query(
      `INSERT INTO ledger_entries (source, external_id, customer_id, entry_date, doc_no, kind, amount, currency) VALUES ${entries.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      entries.flat(),
    );

    const statementAmounts = (i: number) => [
      ...lineNumbers.map((k) => amount(i, k)),
      ...(hasFee(i) ? [SOAK_FEE] : []),
    ];
    await dataSource.query(
      `INSERT INTO customer_statements (customer_id, period_start, period_end, currency, opening_balance, closing_balance, source, source_ref, line_count) VALUES ${indexes.map(() => "(?, '2026-10-01', '2026-10-31', 'CNY', 0, ?, 'API', ?, ?)").join(', ')}`,
      indexes.flatMap((i) => [
        idOf.get(code(i)),
        sumCents(statementAmounts(i)),
        `soak-${code(i)}`,
        statementAmounts(i).length,
      ]),
    );
    const statements = (await dataSource.query(
      `SELECT CAST(id AS CHAR) AS id, source_ref AS ref FROM customer_statements WHERE source_ref IN (${indexes.map(() => '?').join(', ')})`,
      indexes.map((i) => `soak-${code(i)}`),
    )) as Array<{ id: string; ref: string }>;
    const statementOf = new Map(statements.map((s) => [s.ref, s.id]));
    const statementLines = indexes.flatMap((i) =>
      statementAmounts(i).map((value, k) => [
        statementOf.get(`soak-${code(i)}`),
        k + 1,
        `L${k}`,
        day(k),
        k < size.linesPerSide ? `inv ${code(i)}-${k}` : 'bank fee',
        k < size.linesPerSide ? 'INVOICE' : 'OTHER',
        value,
        'CNY',
      ]),
    );
    await dataSource.query(
      `INSERT INTO statement_lines (statement_id, line_no, external_id, txn_date, reference, kind, amount, currency) VALUES ${statementLines.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      statementLines.flat(),
    );
  }

  const users: SoakUser[] = Array.from({ length: size.clerks + size.managers }, (_, i) => ({
    id: String(i + 1),
    role: i < size.clerks ? 'CLERK' : 'MANAGER',
  }));
  await dataSource.query(
    `INSERT INTO users (id, email, display_name, role) VALUES ${users.map(() => '(?, ?, ?, ?)').join(', ')}`,
    users.flatMap((u) => [u.id, `soak${u.id}@bench.invalid`, `Soak ${u.role} ${u.id}`, u.role]),
  );
  // As bench/_api-seed.ts: tokens without a second factor, so no role must enrol.
  await dataSource.query(
    `INSERT INTO security_settings (name, value) VALUES ('${TWO_FACTOR_ROLES_SETTING}', '[]') ON DUPLICATE KEY UPDATE value = '[]'`,
  );
  return users;
}

/** Customers the seed gave a difference (one REVIEW_DIFFERENCE task each once their period matched). */
export function soakDifferences(size: Pick<SoakSeedSize, 'customers' | 'differenceEvery'>): number {
  return Math.floor(size.customers / size.differenceEvery);
}
