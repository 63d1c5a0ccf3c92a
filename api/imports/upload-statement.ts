import type { Router } from 'express';
import express from 'express';
import type { Pool } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import type { AuthSecrets } from '../../auth/authenticate';
import { Permission, actorOf, can } from '../../auth/policy';
import { Customer } from '../../entities/customer.entity';
import { importStatementFile, loadTemplate } from '../../imports';
import { ApiErrorCode } from '../error-codes';
import { sendCaught, sendError } from '../http-error';
import type { RequestAuthenticator } from '../http/request-auth';
import { readMultipart } from './multipart';

export interface UploadDeps {
  dataSource: DataSource;
  importPool: Pool;
  auth: AuthSecrets;
  maxFileBytes: number;
  /** Headers or the browser's session cookie. */
  requestAuth: RequestAuthenticator;
}

/**
 * POST /imports/statements (multipart): a customer's statement file, read by a mapping template
 * (`template` as JSON, or `templateName` of a saved one), imported atomically and idempotently into
 * the period's one statement (created, added to, or with `replace=true` replaced; audited).
 * 201 IMPORTED, 200 DUPLICATE (same file again: nothing written), 422 REJECTED (every bad row with
 * row, column and reason, plus the rejects as CSV), 400/401/403/413 for the request itself.
 */
export function statementUploadRouter(deps: UploadDeps): Router {
  const router = express.Router();
  router.post('/imports/statements', async (req, res) => {
    try {
      const principal = await deps.requestAuth.principalOf(req, true);
      if (!principal) return sendError(res, ApiErrorCode.UNAUTHENTICATED, 'authentication required');
      if (!can(principal, Permission.IMPORT_FILES))
        return sendError(res, ApiErrorCode.FORBIDDEN, 'not allowed: import');
      if (!req.is('multipart/form-data'))
        return sendError(res, ApiErrorCode.BAD_REQUEST, 'send multipart/form-data with a "file" part');
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > deps.maxFileBytes + 1024 * 1024)
        return sendError(res, ApiErrorCode.PAYLOAD_TOO_LARGE, `files up to ${deps.maxFileBytes} bytes`);
      const upload = await readMultipart(req, deps.maxFileBytes);
      if (upload.tooLarge)
        return sendError(res, ApiErrorCode.PAYLOAD_TOO_LARGE, `files up to ${deps.maxFileBytes} bytes`);
      if (!upload.file) return sendError(res, ApiErrorCode.BAD_REQUEST, 'missing the "file" part');
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
        return sendError(
          res,
          ApiErrorCode.BAD_USER_INPUT,
          `unknown customerCode ${JSON.stringify(customerCode ?? '')}`,
          {
            field: 'customerCode',
          },
        );
      let definition: unknown;
      if (templateName) {
        const connection = await deps.importPool.getConnection();
        try {
          definition = (await loadTemplate(connection, Number(customer.id), templateName))?.template;
        } finally {
          connection.release();
        }
        if (!definition)
          return sendError(res, ApiErrorCode.BAD_USER_INPUT, `no template ${templateName}`, {
            field: 'templateName',
          });
      } else {
        try {
          definition = JSON.parse(template ?? '');
        } catch {
          return sendError(res, ApiErrorCode.BAD_USER_INPUT, 'template must be JSON (or give templateName)', {
            field: 'template',
          });
        }
      }
      if (replace !== undefined && replace !== 'true' && replace !== 'false') {
        return sendError(res, ApiErrorCode.BAD_USER_INPUT, 'replace is true or false', { field: 'replace' });
      }
      if (mode && mode !== 'ALL_OR_NOTHING' && mode !== 'VALID_ROWS') {
        return sendError(res, ApiErrorCode.BAD_USER_INPUT, 'mode is ALL_OR_NOTHING or VALID_ROWS', {
          field: 'mode',
        });
      }
      const result = await importStatementFile(deps.importPool, {
        customerId: Number(customer.id),
        file: { buffer: upload.file.buffer, name: upload.file.name },
        template: definition,
        periodStart: periodStart || undefined,
        periodEnd: periodEnd || undefined,
        openingBalance: openingBalance || undefined,
        closingBalance: closingBalance || undefined,
        mode: (mode as 'ALL_OR_NOTHING' | 'VALID_ROWS' | undefined) || undefined,
        replace: replace === 'true',
        actor: actorOf(principal),
      });
      const status = result.status === 'IMPORTED' ? 201 : result.status === 'DUPLICATE' ? 200 : 422;
      // The rejects go back as CSV text (rejectsCsv); their cells, as read, stay here.
      return res.status(status).json({ ...result, rejects: undefined });
    } catch (error) {
      return sendCaught(res, error, 'statement upload');
    }
  });
  return router;
}
