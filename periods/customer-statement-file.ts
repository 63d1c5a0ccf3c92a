import type { Pool } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { Actor } from '../contract/actor';
import { ConfirmationStatus, PeriodStatus } from '../contract/enums';
import { CustomerConfirmation } from '../entities/customer-confirmation.entity';
import { ReconciliationPeriod } from '../entities/reconciliation-period.entity';
import { CUSTOMER_UPLOAD_LAYOUTS, CUSTOMER_UPLOAD_TEMPLATE } from '../imports/customer-upload-templates';
import {
  ImportErrorCode,
  importStatementFile,
  loadTemplate,
  type ImportInput,
  type ImportIssue,
} from '../imports';
import { inputName } from '../imports/types';
import type { CustomerLinkScope } from './customer-statement';
import {
  insertCustomerFileTask,
  lockAwaitingCustomer,
  notAwaitingCustomer,
  publishCustomerFileTask,
} from './customer-file-review';
import { PeriodError, PeriodErrorCode } from './period-error';

/** What the customer's page is told about their file: enough to say what happened, nothing internal. */
export type CustomerFileResult =
  | {
      status: 'IMPORTED';
      fileName: string;
      lineCount: number;
      openingBalance: string;
      closingBalance: string;
    }
  | { status: 'REJECTED'; rejectedRowCount: number; issues: CustomerFileIssue[] };

/** One problem of the file: the row and column at fault (null when the whole file is), and why. */
export interface CustomerFileIssue {
  code: string;
  row: number | null;
  column: string | null;
  message: string;
  value?: string;
}

/** The page lists this many problems; the count says how many rows were refused in all. */
const ISSUES_SHOWN = 50;

/**
 * The customer's own statement file, uploaded with their link (#16): read by the same importer and
 * parser as staff uploads (imports/), for the link's period range only, all or nothing, replacing
 * the period's statement (the customer's file is their side), audited as the customer, and raising
 * a clerk task to check it (committed with the lines). Only while the link's round waits for the
 * customer, checked again under lock as the import commits (a confirm or dispute meanwhile wins);
 * anything else is WRONG_STATE and nothing is written.
 */
export async function importCustomerStatementFile(
  dataSource: DataSource,
  importPool: Pool,
  link: CustomerLinkScope,
  actor: Actor,
  upload: { file: ImportInput; fileHash?: string },
): Promise<CustomerFileResult> {
  const { file, fileHash } = upload;
  const period = await requireAwaitingCustomer(dataSource, link);
  const customerId = period.customerId;
  const saved = await withPoolConnection(importPool, (conn) =>
    loadTemplate(conn, customerId, CUSTOMER_UPLOAD_TEMPLATE),
  );
  const layouts = saved ? [saved.template] : CUSTOMER_UPLOAD_LAYOUTS;
  let issues: readonly ImportIssue[] = [];
  let rejectedRowCount = 0;
  let taskKey: string | null = null;
  for (const template of layouts) {
    const result = await importStatementFile(importPool, {
      customerId,
      file,
      ...(fileHash ? { fileHash } : {}),
      template,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      mode: 'ALL_OR_NOTHING',
      replace: true,
      actor,
      beforeCommit: async (conn, imported) => {
        const workflowId = await lockAwaitingCustomer(conn, link);
        taskKey = await insertCustomerFileTask(conn, link, workflowId, imported, inputName(file));
      },
    });
    if (result.status === 'IMPORTED') {
      if (taskKey) await publishCustomerFileTask(dataSource, taskKey);
      return {
        status: 'IMPORTED',
        fileName: inputName(file),
        lineCount: result.lineCount,
        openingBalance: result.openingBalance,
        closingBalance: result.closingBalance,
      };
    }
    if (result.status === 'DUPLICATE') throw new Error('an upload that replaces is never a duplicate');
    // The first layout's problems are the ones to show, unless only its header was not there.
    if (!issues.length || (headerMissing(issues) && !headerMissing(result.issues)))
      ({ issues, rejectedRowCount } = result);
    if (!headerMissing(result.issues)) break;
  }
  return {
    status: 'REJECTED',
    rejectedRowCount,
    issues: issues.slice(0, ISSUES_SHOWN).map((issue) => ({
      code: issue.code,
      row: issue.row,
      column: issue.column,
      message: issue.message,
      ...(issue.value === undefined ? {} : { value: issue.value }),
    })),
  };
}

/** The file is not in this layout at all (its header was not found), rather than wrong in places. */
const headerMissing = (issues: readonly ImportIssue[]) =>
  issues.length === 1 &&
  issues.some(
    (issue) =>
      issue.code === ImportErrorCode.HEADER_NOT_FOUND || issue.code === ImportErrorCode.COLUMN_NOT_FOUND,
  );

/** The link's round must be the one waiting for the customer: not answered, the period not moved on. */
async function requireAwaitingCustomer(
  dataSource: DataSource,
  link: CustomerLinkScope,
): Promise<ReconciliationPeriod> {
  const [period, confirmation] = await Promise.all([
    dataSource.getRepository(ReconciliationPeriod).findOneBy({ id: link.periodId }),
    dataSource.getRepository(CustomerConfirmation).findOneBy({ id: link.confirmationId }),
  ]);
  if (!period || !confirmation || confirmation.round !== link.round)
    throw new PeriodError(PeriodErrorCode.PERIOD_NOT_FOUND, `no period ${link.periodId} round ${link.round}`);
  // Checked early so a late file is refused before it is read; checked again under lock at commit.
  if (confirmation.status !== ConfirmationStatus.SENT || period.status !== PeriodStatus.AWAITING_CUSTOMER)
    throw notAwaitingCustomer();
  return period;
}

async function withPoolConnection<T>(
  pool: Pool,
  work: (conn: Awaited<ReturnType<Pool['getConnection']>>) => Promise<T>,
): Promise<T> {
  const conn = await pool.getConnection();
  try {
    return await work(conn);
  } finally {
    conn.release();
  }
}
