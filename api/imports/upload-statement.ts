import os from 'node:os';
import { quotedExcerpt } from '../../common/quoted-excerpt';
import path from 'node:path';
import type { Router } from 'express';
import express from 'express';
import type { Pool } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { AuthSecrets } from '../../auth/authenticate';
import { Permission, actorOf, can, refuseEnrolmentOnly } from '../../auth/policy';
import type { Actor } from '../../contract/actor';
import { Customer } from '../../entities/customer.entity';
import { importStatementFile, loadTemplate, type ImportResult, type RejectedResult } from '../../imports';
import type { UploadAttempt } from '../../imports/upload-audit';
import { ApiErrorCode } from '../error-codes';
import { sendError } from '../http-error';
import type { RequestAuthenticator } from '../http/request-auth';
import {
  answerUploadFailure,
  attemptFile,
  auditAttempt,
  fieldRefusal,
  takeUploadSlot,
  UploadRefusal,
} from './upload-failure';
import { UploadReceiver, type ReceivedUpload } from './upload-receiver';
import type { UploadSlot, UploadSlots } from './upload-slots';

export interface UploadDeps {
  dataSource: DataSource;
  importPool: Pool;
  auth: AuthSecrets;
  maxFileBytes: number;
  /** Headers or the browser's session cookie. */
  requestAuth: RequestAuthenticator;
  /** Where uploads are streamed while they are read (default `<tmp>/recon-uploads`); each removed after. */
  uploadDir?: string;
  /** The process's upload slots, shared with the customers' uploads. */
  slots: UploadSlots;
}

export const DEFAULT_UPLOAD_DIR = path.join(os.tmpdir(), 'recon-uploads');

/** A file read and refused, in the API's one error shape: each issue a problem naming row and column. */
function fileRejected(result: RejectedResult) {
  return {
    code: ApiErrorCode.FILE_REJECTED,
    message: `the file was refused (${result.rejectedRowCount} rows): nothing was written`,
    problems: result.issues.map((issue) => ({
      index: issue.row ?? -1,
      field: issue.column ?? 'file',
      reason: `${issue.code}: ${issue.message}`,
    })),
  };
}

/**
 * POST /imports/statements (multipart): a customer's statement file, read by a mapping template
 * (`template` as JSON, or `templateName` of a saved one), imported atomically and idempotently into
 * the period's one statement (created, added to, or with `replace=true` replaced; audited).
 * 201 IMPORTED, 200 DUPLICATE (same file again: nothing written), 422 REJECTED (every bad row with
 * row, column and reason, plus the rejects as CSV), 400/401/403/413 for the request itself.
 * The file is streamed to a temporary file (memory stays bounded), read from there by the parse
 * thread and removed on every path; every attempt by a known caller is audited (upload-audit.ts).
 */
export function statementUploadRouter(deps: UploadDeps): Router {
  const router = express.Router();
  router.post('/imports/statements', async (req, res) => {
    const receiver = new UploadReceiver(
      deps.uploadDir ?? DEFAULT_UPLOAD_DIR,
      deps.maxFileBytes,
      deps.slots.limits.bodyPace,
    );
    let actor: Actor | undefined;
    let upload: ReceivedUpload | undefined;
    let slot: UploadSlot | undefined;
    const declared = Number(req.headers['content-length'] ?? 0);
    const attempt = (
      outcome: UploadAttempt['outcome'],
      code: string | null,
      more: Partial<UploadAttempt> = {},
    ) => ({
      outcome,
      code,
      customerCode: receiver.progress.fields.customerCode ?? null,
      ...attemptFile(receiver, upload, declared),
      ...more,
    });
    try {
      const principal = await deps.requestAuth.principalOf(req, true);
      if (!principal) return sendError(res, ApiErrorCode.UNAUTHENTICATED, 'authentication required');
      actor = actorOf(principal);
      refuseEnrolmentOnly(principal);
      if (!can(principal, Permission.IMPORT_FILES))
        throw new UploadRefusal(ApiErrorCode.FORBIDDEN, 'not allowed: import');
      if (!req.is('multipart/form-data'))
        throw new UploadRefusal(ApiErrorCode.BAD_REQUEST, 'send multipart/form-data with a "file" part');
      if (declared > deps.maxFileBytes + 1024 * 1024)
        throw new UploadRefusal(ApiErrorCode.PAYLOAD_TOO_LARGE, `files up to ${deps.maxFileBytes} bytes`);
      slot = takeUploadSlot(deps.slots, actor.id, declared, deps.maxFileBytes);
      upload = await receiver.receive(req);
      if (upload.tooLarge)
        throw new UploadRefusal(ApiErrorCode.PAYLOAD_TOO_LARGE, `files up to ${deps.maxFileBytes} bytes`);
      if (!upload.file) throw new UploadRefusal(ApiErrorCode.BAD_REQUEST, 'missing the "file" part');
      const result = await importUpload(deps, upload, actor);
      await auditAttempt(
        deps.dataSource,
        actor,
        {
          ...attempt(result.status, result.status === 'REJECTED' ? ApiErrorCode.FILE_REJECTED : null),
          ...(result.status === 'REJECTED'
            ? { issueCodes: [...new Set(result.issues.map((issue) => issue.code))].slice(0, 10) }
            : { importFileId: result.importFileId, statementId: result.statementId }),
        },
        'statement upload',
      );
      const status = result.status === 'IMPORTED' ? 201 : result.status === 'DUPLICATE' ? 200 : 422;
      // The rejects go back as CSV text (rejectsCsv); their cells, as read, stay here.
      return res.status(status).json({
        ...result,
        rejects: undefined,
        ...(result.status === 'REJECTED' ? { error: fileRejected(result) } : {}),
      });
    } catch (error) {
      return await answerUploadFailure(deps.dataSource, res, error, actor, attempt, 'statement upload');
    } finally {
      await receiver.discard();
      slot?.release();
    }
  });
  return router;
}

/** Reads the form's fields, finds customer and template, and imports the file from disk. */
async function importUpload(deps: UploadDeps, upload: ReceivedUpload, actor: Actor): Promise<ImportResult> {
  const file = upload.file!;
  const {
    customerCode,
    template,
    templateName,
    periodStart,
    periodEnd,
    openingBalance,
    closingBalance,
    mode,
    replace,
  } = upload.fields;
  const customer = customerCode
    ? await deps.dataSource.getRepository(Customer).findOneBy({ code: customerCode })
    : null;
  if (!customer)
    throw fieldRefusal(
      ApiErrorCode.BAD_USER_INPUT,
      `unknown customerCode ${quotedExcerpt(customerCode ?? '')}`,
      'customerCode',
    );
  let definition: unknown;
  if (templateName) {
    const connection = await deps.importPool.getConnection();
    try {
      definition = (await loadTemplate(connection, customer.id, templateName))?.template;
    } finally {
      connection.release();
    }
    if (!definition)
      throw fieldRefusal(ApiErrorCode.BAD_USER_INPUT, `no template ${templateName}`, 'templateName');
  } else {
    try {
      definition = JSON.parse(template ?? '');
    } catch {
      throw fieldRefusal(
        ApiErrorCode.BAD_USER_INPUT,
        'template must be JSON (or give templateName)',
        'template',
      );
    }
  }
  if (replace !== undefined && replace !== 'true' && replace !== 'false')
    throw fieldRefusal(ApiErrorCode.BAD_USER_INPUT, 'replace is true or false', 'replace');
  if (mode && mode !== 'ALL_OR_NOTHING' && mode !== 'VALID_ROWS')
    throw fieldRefusal(ApiErrorCode.BAD_USER_INPUT, 'mode is ALL_OR_NOTHING or VALID_ROWS', 'mode');
  return importStatementFile(deps.importPool, {
    customerId: customer.id,
    file: { path: file.path, name: file.name },
    fileHash: file.sha256,
    template: definition,
    periodStart: periodStart || undefined,
    periodEnd: periodEnd || undefined,
    openingBalance: openingBalance || undefined,
    closingBalance: closingBalance || undefined,
    mode: (mode as 'ALL_OR_NOTHING' | 'VALID_ROWS' | undefined) || undefined,
    replace: replace === 'true',
    actor,
  });
}
