import type { Router } from 'express';
import express from 'express';
import type { Pool } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { Permission, actorOf, can } from '../../auth/policy';
import type { Actor } from '../../contract/actor';
import { CUSTOMER_UPLOAD_MAX_BYTES } from '../../contract/period';
import type { UploadAttempt } from '../../imports/upload-audit';
import { importCustomerStatementFile } from '../../periods/customer-statement-file';
import { ApiErrorCode } from '../error-codes';
import { sendError } from '../http-error';
import type { RequestAuthenticator } from '../http/request-auth';
import { DEFAULT_UPLOAD_DIR } from './upload-statement';
import {
  answerUploadFailure,
  attemptFile,
  auditAttempt,
  takeUploadSlot,
  UploadRefusal,
} from './upload-failure';
import { UploadReceiver, type ReceivedUpload } from './upload-receiver';
import type { UploadSlot, UploadSlots } from './upload-slots';

export interface CustomerUploadDeps {
  dataSource: DataSource;
  importPool: Pool;
  requestAuth: RequestAuthenticator;
  /** Default CUSTOMER_UPLOAD_MAX_BYTES. */
  maxFileBytes?: number;
  /** Where the file is streamed while it is read (default as staff uploads); removed after. */
  uploadDir?: string;
  /** The process's upload slots, shared with staff uploads. */
  slots: UploadSlots;
}

/**
 * POST /confirm/statement-file (multipart, one "file" part; `Authorization: Customer <link>`): the
 * customer's own statement (CSV or XLSX) for the link's period, received and imported as staff
 * uploads are (UploadReceiver, importCustomerStatementFile). 201 IMPORTED; 422 REJECTED with every
 * problem's row and column; 401 for a link that does not verify (expired, forged, replaced by a
 * newer round); 403 for anyone but a link; 409 WRONG_STATE once the round no longer waits for the
 * customer; 413 over the limit. Every attempt with a valid link is audited as the customer.
 */
export function customerUploadRouter(deps: CustomerUploadDeps): Router {
  const maxFileBytes = deps.maxFileBytes ?? CUSTOMER_UPLOAD_MAX_BYTES;
  const tooLarge = () =>
    new UploadRefusal(ApiErrorCode.PAYLOAD_TOO_LARGE, `statement files up to ${maxFileBytes} bytes`, {
      maxBytes: maxFileBytes,
    });
  const router = express.Router();
  router.post('/confirm/statement-file', async (req, res) => {
    const receiver = new UploadReceiver(
      deps.uploadDir ?? DEFAULT_UPLOAD_DIR,
      maxFileBytes,
      deps.slots.limits.bodyPace,
    );
    let actor: Actor | undefined;
    let upload: ReceivedUpload | undefined;
    let slot: UploadSlot | undefined;
    const declared = Number(req.headers['content-length'] ?? 0);
    const attempt = (outcome: UploadAttempt['outcome'], code: string | null): UploadAttempt => ({
      outcome,
      code,
      customerCode: actor?.name ?? null,
      ...attemptFile(receiver, upload, declared),
    });
    try {
      const principal = await deps.requestAuth.principalOf(req, true);
      if (!principal) return sendError(res, ApiErrorCode.UNAUTHENTICATED, 'send the confirmation link');
      if (principal.kind !== 'customer' || !can(principal, Permission.RESPOND_AS_CUSTOMER))
        return sendError(
          res,
          ApiErrorCode.FORBIDDEN,
          "a customer's confirmation link uploads here; staff use /imports/statements",
        );
      actor = actorOf(principal);
      if (!req.is('multipart/form-data'))
        throw new UploadRefusal(ApiErrorCode.BAD_REQUEST, 'send multipart/form-data with a "file" part');
      // The declared length refuses most oversized files before a byte is read; the stream checks the rest.
      if (declared > maxFileBytes + 64 * 1024) throw tooLarge();
      slot = takeUploadSlot(deps.slots, actor.id, declared, maxFileBytes);
      upload = await receiver.receive(req);
      if (upload.tooLarge) throw tooLarge();
      if (!upload.file?.bytes)
        throw new UploadRefusal(ApiErrorCode.BAD_REQUEST, 'missing the "file" part (or it is empty)', {
          problems: [{ index: -1, field: 'file', reason: 'required' }],
        });
      const result = await importCustomerStatementFile(deps.dataSource, deps.importPool, principal, actor, {
        file: { path: upload.file.path, name: upload.file.name },
        fileHash: upload.file.sha256,
      });
      await auditAttempt(
        deps.dataSource,
        actor,
        {
          ...attempt(result.status, result.status === 'REJECTED' ? ApiErrorCode.BAD_USER_INPUT : null),
          ...(result.status === 'REJECTED'
            ? { issueCodes: [...new Set(result.issues.map((issue) => issue.code))].slice(0, 10) }
            : {}),
        },
        'customer statement upload',
      );
      return res.status(result.status === 'IMPORTED' ? 201 : 422).json(result);
    } catch (error) {
      return await answerUploadFailure(
        deps.dataSource,
        res,
        error,
        actor,
        attempt,
        'customer statement upload',
      );
    } finally {
      await receiver.discard();
      slot?.release();
    }
  });
  return router;
}
