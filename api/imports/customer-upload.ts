import type { Router } from 'express';
import express from 'express';
import type { Pool } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { Permission, actorOf, can } from '../../auth/policy';
import { CUSTOMER_UPLOAD_MAX_BYTES } from '../../contract/period';
import { importCustomerStatementFile } from '../../periods/customer-statement-file';
import { ApiErrorCode } from '../error-codes';
import { sendCaught, sendError } from '../http-error';
import type { RequestAuthenticator } from '../http/request-auth';
import { readMultipart } from './multipart';

export interface CustomerUploadDeps {
  dataSource: DataSource;
  importPool: Pool;
  requestAuth: RequestAuthenticator;
  /** Default CUSTOMER_UPLOAD_MAX_BYTES. */
  maxFileBytes?: number;
}

/**
 * POST /confirm/statement-file (multipart, one "file" part; `Authorization: Customer <link>`): the
 * customer's own statement (CSV or XLSX) for the link's period, imported as staff uploads are
 * (importCustomerStatementFile). 201 IMPORTED; 422 REJECTED with every problem's row and column;
 * 401 for a link that does not verify (expired, forged, replaced by a newer round); 403 for anyone
 * but a link; 409 WRONG_STATE once the round no longer waits for the customer; 413 over the limit.
 */
export function customerUploadRouter(deps: CustomerUploadDeps): Router {
  const maxFileBytes = deps.maxFileBytes ?? CUSTOMER_UPLOAD_MAX_BYTES;
  const tooLarge = (res: express.Response) =>
    sendError(res, ApiErrorCode.PAYLOAD_TOO_LARGE, `statement files up to ${maxFileBytes} bytes`, {
      maxBytes: maxFileBytes,
    });
  const router = express.Router();
  router.post('/confirm/statement-file', async (req, res) => {
    try {
      const principal = await deps.requestAuth.principalOf(req, true);
      if (!principal) return sendError(res, ApiErrorCode.UNAUTHENTICATED, 'send the confirmation link');
      if (principal.kind !== 'customer' || !can(principal, Permission.RESPOND_AS_CUSTOMER))
        return sendError(
          res,
          ApiErrorCode.FORBIDDEN,
          "a customer's confirmation link uploads here; staff use /imports/statements",
        );
      if (!req.is('multipart/form-data'))
        return sendError(res, ApiErrorCode.BAD_REQUEST, 'send multipart/form-data with a "file" part');
      // The declared length refuses most oversized files before a byte is read; the stream checks the rest.
      if (Number(req.headers['content-length'] ?? 0) > maxFileBytes + 64 * 1024) return tooLarge(res);
      const upload = await readMultipart(req, maxFileBytes);
      if (upload.tooLarge) return tooLarge(res);
      if (!upload.file?.buffer.length)
        return sendError(res, ApiErrorCode.BAD_REQUEST, 'missing the "file" part (or it is empty)', {
          problems: [{ index: -1, field: 'file', reason: 'required' }],
        });
      const result = await importCustomerStatementFile(
        deps.dataSource,
        deps.importPool,
        principal,
        actorOf(principal),
        upload.file,
      );
      return res.status(result.status === 'IMPORTED' ? 201 : 422).json(result);
    } catch (error) {
      return sendCaught(res, error, 'customer statement upload');
    }
  });
  return router;
}
