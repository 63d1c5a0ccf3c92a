import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { ConfirmationStatus, PeriodStatus, TaskQueue, TaskStatus, TaskType } from '../contract/enums';
import type { CommittingImport } from '../imports/bulk-load';
import { publishTasksCreated } from '../webhooks/domain-events';
import type { CustomerLinkScope } from './customer-statement';
import { PeriodError, PeriodErrorCode } from './period-error';

/** A clerk looks at a customer's file within the clerk SLA (as the review tasks of a run). */
const CLERK_SLA_MS = 3 * 24 * 3600 * 1000;

export const notAwaitingCustomer = () =>
  new PeriodError(
    PeriodErrorCode.NOT_AWAITING_CUSTOMER,
    'the statement no longer waits for your answer: files are taken only until the balance is confirmed or disputed',
    [{ index: -1, field: 'link', reason: 'NOT_AWAITING_CUSTOMER' }],
  );

/**
 * On the import's transaction, before it commits: locks the period and the link's round and checks
 * they still wait for the customer. A confirm or dispute that committed while the file was read
 * wins (the import rolls back); one arriving now waits for this commit, and sees the new statement.
 */
export async function lockAwaitingCustomer(conn: Connection, link: CustomerLinkScope): Promise<string> {
  const [rows] = await conn.query<RowDataPacket[]>(
    `SELECT p.status AS period_status, p.workflow_id, c.status AS confirmation_status, c.round
       FROM reconciliation_periods p JOIN customer_confirmations c ON c.period_id = p.id
      WHERE p.id = ? AND c.id = ? FOR UPDATE`,
    [link.periodId, link.confirmationId],
  );
  const row = rows[0];
  if (
    !row ||
    Number(row.round) !== link.round ||
    row.confirmation_status !== ConfirmationStatus.SENT ||
    row.period_status !== PeriodStatus.AWAITING_CUSTOMER
  )
    throw notAwaitingCustomer();
  return String(row.workflow_id);
}

/** The idempotency key of the clerk task a customer's file raises: one per statement it made (the same file sent again makes a new one). */
export const customerFileTaskKey = (statementId: string) => `customer-file:${statementId}`;

/**
 * The clerk task a customer's file raises, on the import's transaction: the customer's file replaced
 * (or became) the period's statement, which staff reconcile against, so a clerk checks it before
 * the customer's answer is taken as final. Committed with the lines, or not at all. Answers the
 * new task's key, or null when the period's open task was brought up to date instead.
 */
export async function insertCustomerFileTask(
  conn: Connection,
  link: CustomerLinkScope,
  workflowId: string,
  imported: CommittingImport,
  fileName: string,
  now = new Date(),
): Promise<string | null> {
  const key = customerFileTaskKey(imported.statementId);
  const what =
    imported.replacedStatementId === null
      ? `became the statement of ${imported.periodStart}..${imported.periodEnd}`
      : `replaced statement ${imported.replacedStatementId}`;
  // The name is the customer's: control characters never reach a clerk's screen or a webhook.
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const name = fileName.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 80);
  const title =
    `Customer uploaded their statement file "${name}" (${imported.lineCount} lines): it ${what}; ` +
    'check it against the ledger before the customer answers';
  // One open task per period however many files the customer sends (a link cannot flood the
  // clerks' queue): a later file renames the open task rather than adding one.
  const [updated] = await conn.query<ResultSetHeader>(
    `UPDATE tasks SET title = ? WHERE period_id = ? AND type = ? AND status IN (?, ?)`,
    [title.slice(0, 300), link.periodId, TaskType.REVIEW_CUSTOMER_FILE, TaskStatus.OPEN, TaskStatus.CLAIMED],
  );
  if (updated.affectedRows > 0) return null;
  await conn.query(
    `INSERT IGNORE INTO tasks (period_id, workflow_id, idempotency_key, queue, type, status, title, due_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      link.periodId,
      workflowId,
      key,
      TaskQueue.CLERK,
      TaskType.REVIEW_CUSTOMER_FILE,
      TaskStatus.OPEN,
      title.slice(0, 300),
      new Date(now.getTime() + CLERK_SLA_MS),
    ],
  );
  return key;
}

/** `task.created` for the task, after the import committed (the webhook outbox is TypeORM's). */
export async function publishCustomerFileTask(dataSource: DataSource, key: string): Promise<void> {
  await publishTasksCreated(dataSource.manager, [key]);
}
