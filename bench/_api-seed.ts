import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { TWO_FACTOR_ROLES_SETTING } from '../auth/two-factor-roles';

export interface ApiSeedSize {
  customers: number;
  /** A whole number of periods per customer (monthly from January 2026). */
  periods: number;
  tasks: number;
  clerks: number;
  managers: number;
}

export interface SeededUser {
  id: string;
  role: 'CLERK' | 'MANAGER';
}

/**
 * The API benchmark's data, written by the database itself (INSERT … SELECT over a numbers table)
 * so that a million tasks take seconds rather than a million round trips.
 *
 * Each customer has `periods / customers` monthly periods (with a bridge of three explained lines
 * and match statistics, as matching leaves them); all but the last two are CLOSED. Each
 * period has `tasks / periods` tasks: those of closed periods are DONE (history the queue must
 * skip), those of the two live periods OPEN, or CLAIMED by one of the users (one in four). One
 * task in five is the managers' queue. Due dates spread over sixty days, priorities 0–3.
 */
export async function seedApiBench(dataSource: DataSource, size: ApiSeedSize): Promise<SeededUser[]> {
  const perCustomer = size.periods / size.customers;
  if (!Number.isInteger(perCustomer) || perCustomer < 2)
    throw new Error(
      `periods (${size.periods}) must be a whole multiple (≥ 2) of customers (${size.customers})`,
    );
  if (size.tasks > 1_000_000_000 || size.periods > size.tasks)
    throw new Error('tasks must be at least the periods and at most 10⁹');
  const query = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);

  await query('DROP TABLE IF EXISTS bench_seq');
  await query('CREATE TABLE bench_seq (n INT NOT NULL PRIMARY KEY) ENGINE=InnoDB');
  await query(
    `INSERT INTO bench_seq (n) VALUES ${Array.from({ length: 1000 }, (_, i) => `(${i})`).join(',')}`,
  );
  // Numbers [from, to) as n, in slices of at most 1,000,000 (a × 1000 + b).
  const numbers = (from: number, to: number) =>
    `(SELECT a.n * 1000 + b.n + ${from} AS n FROM bench_seq a CROSS JOIN bench_seq b
       WHERE a.n * 1000 + b.n < ${to - from}) numbers`;
  const sliced = async (total: number, insert: (from: number, to: number) => string) => {
    const slice = 250_000;
    for (let from = 0; from < total; from += slice) await query(insert(from, Math.min(total, from + slice)));
  };

  await sliced(
    size.customers,
    (from, to) => `INSERT INTO customers (id, code, name, currency, contact_email)
      SELECT n + 1, CONCAT('C', LPAD(n + 1, 6, '0')), CONCAT('基准客户 ', n + 1, ' 有限公司'), 'CNY',
             CONCAT('ap', n + 1, '@customer.invalid')
      FROM ${numbers(from, to)}`,
  );

  await sliced(
    size.periods,
    (from, to) => `INSERT INTO reconciliation_periods (id, customer_id, period_start, period_end,
        workflow_id, status, currency, our_opening_balance, our_closing_balance,
        their_opening_balance, their_closing_balance, unexplained_amount, bridge_tied, match_run,
        bridge, match_stats)
      SELECT n + 1, FLOOR(n / ${perCustomer}) + 1, start, LAST_DAY(start),
             CONCAT('recon-bench-', n + 1),
             CASE WHEN month < ${perCustomer - 2} THEN 'CLOSED'
                  WHEN month = ${perCustomer - 2} THEN 'AWAITING_CUSTOMER' ELSE 'IN_REVIEW' END,
             'CNY', 1000.00 * month, 1000.00 * (month + 1) + 0.25,
             1000.00 * month, 1000.00 * (month + 1), 0, month < ${perCustomer - 1}, 1,
             JSON_OBJECT('ourClosing', CONCAT(1000 * (month + 1), '.25'),
               'lines', JSON_ARRAY(
                 JSON_OBJECT('differenceId', CONCAT(3 * n + 1), 'kind', 'TIMING', 'amount', '-1200.00',
                   'explanation', '在途款项: 客户已付, 我方未达 (payment in transit)'),
                 JSON_OBJECT('differenceId', CONCAT(3 * n + 2), 'kind', 'MISSING_IN_THEIRS', 'amount', '1200.00',
                   'explanation', '发票 INV-2610-0042 未入客户账 (invoice not on their statement)'),
                 JSON_OBJECT('differenceId', CONCAT(3 * n + 3), 'kind', 'TOLERANCE', 'amount', '0.25',
                   'explanation', '尾差 within tolerance')),
               'computedTheirClosing', CONCAT(1000 * (month + 1), '.00'),
               'theirClosing', CONCAT(1000 * (month + 1), '.00'), 'unexplained', '0', 'tied', TRUE),
             JSON_OBJECT('ledgerEntries', 40, 'statementLines', 38, 'groups', 35, 'suggestions', 1,
               'differences', 3)
      FROM (SELECT n, n % ${perCustomer} AS month,
                   DATE_ADD('2026-01-01', INTERVAL n % ${perCustomer} MONTH) AS start
            FROM ${numbers(from, to)}) p`,
  );

  const users = Array.from({ length: size.clerks + size.managers }, (_, i) => ({
    id: String(i + 1),
    role: i < size.clerks ? ('CLERK' as const) : ('MANAGER' as const),
  }));
  await query(
    `INSERT INTO users (id, email, display_name, role) VALUES ${users.map(() => '(?, ?, ?, ?)').join(', ')}`,
    users.flatMap((u) => [u.id, `user${u.id}@bench.invalid`, `User ${u.id}`, u.role]),
  );
  // The bench's people use tokens signed here, without a second factor: no role must enrol (else
  // the managers' tokens may only enrol, auth/two-factor-roles.ts).
  await query(
    `INSERT INTO security_settings (name, value) VALUES ('${TWO_FACTOR_ROLES_SETTING}', '[]') ON DUPLICATE KEY UPDATE value = '[]'`,
    [],
  );

  // Claimed clerk tasks go to clerks 1…C, claimed manager tasks to managers C+1…C+M. Queue, status
  // and assignee come from a multiplicative hash of the task number (h), not from n itself: whether
  // a task's period is live is n's last digit (n % periods), and rules on n % 5 or n % 4 alias with
  // it (no live manager task, every claimed task with two clerks).
  await sliced(
    size.tasks,
    (from, to) => `INSERT INTO tasks (id, period_id, workflow_id, idempotency_key, queue, type, status,
        title, assignee_id, claimed_at, due_at, priority, outcome, completed_at)
      SELECT n + 1, p + 1, CONCAT('recon-bench-', p + 1), CONCAT('bench:', n + 1), queue,
             IF(queue = 'MANAGER', 'APPROVE_ADJUSTMENT', 'REVIEW_DIFFERENCE'), status,
             CONCAT(IF(queue = 'MANAGER', '审批调整 ', '核对差异 '), n + 1),
             IF(status = 'CLAIMED', IF(queue = 'MANAGER', ${size.clerks + 1} + (h DIV 20) % ${size.managers}, 1 + (h DIV 20) % ${size.clerks}), NULL),
             IF(status = 'CLAIMED', '2026-11-20 09:00:00', NULL),
             DATE_ADD('2026-11-01', INTERVAL (n * 7919) % 5184000 SECOND), n % 4,
             IF(status = 'DONE', '已处理', NULL), IF(status = 'DONE', '2026-10-31 18:00:00', NULL)
      FROM (SELECT n, p, h, IF(h % 5 = 0, 'MANAGER', 'CLERK') AS queue,
                   CASE WHEN p % ${perCustomer} < ${perCustomer - 2} THEN 'DONE'
                        WHEN (h DIV 5) % 4 = 1 THEN 'CLAIMED' ELSE 'OPEN' END AS status
            FROM (SELECT n, n % ${size.periods} AS p, (n * 2654435761) % 4294967296 AS h
                    FROM ${numbers(from, to)}) np) t`,
  );
  await query('DROP TABLE bench_seq');
  await query('ANALYZE TABLE customers, reconciliation_periods, tasks, users');
  return users;
}

/**
 * The seed leaves hundreds of MB of InnoDB pages dirty, and the server writes them out at its own
 * pace for minutes; reads that need a free buffer page meanwhile wait for a write. The seed is set-up,
 * not workload: have InnoDB write its tables out now (FLUSH … FOR EXPORT, table by table), so the
 * measurement sees the server as it runs, not as it digests a million inserts.
 */
export async function settleSeed(dataSource: DataSource, log: (message: string) => void): Promise<void> {
  const begin = performance.now();
  const runner = dataSource.createQueryRunner();
  try {
    for (const table of ['tasks', 'reconciliation_periods', 'customers']) {
      await runner.query(`FLUSH TABLES ${table} FOR EXPORT`);
      await runner.query('UNLOCK TABLES');
    }
  } finally {
    await runner.release();
  }
  log(`seed written out in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
}
