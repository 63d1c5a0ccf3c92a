import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../contract/actor';
import { auditUploadAttempt, type UploadAttempt } from '../../imports/upload-audit';
import { refusalOf } from '../api-error';
import { ApiErrorCode } from '../error-codes';
import { sendCaught, sendError } from '../http-error';
import { logInternalError } from '../internal-errors';
import {
  UploadAbortedError,
  UploadMalformedError,
  type ReceivedUpload,
  type UploadReceiver,
} from './upload-receiver';
import { bytesToReserve, type UploadSlot, type UploadSlots } from './upload-slots';

/** A refusal of an upload request itself (staff's or a customer's): its code, message and extra fields. */
export class UploadRefusal {
  constructor(
    readonly code: ApiErrorCode,
    readonly message: string,
    readonly extra: Record<string, unknown> = {},
  ) {}
}

/** A refusal of one form field's value, named as a problem in the API's one error shape. */
export const fieldRefusal = (code: ApiErrorCode, message: string, field: string) =>
  new UploadRefusal(code, message, { problems: [{ index: -1, field, reason: message }] });

/** Seconds a refused upload is told to wait (Retry-After): uploads take seconds, not minutes. */
const UPLOAD_RETRY_AFTER_SECONDS = 10;

/**
 * The caller's upload slot, taken before a byte of the body is read and reserving what its
 * temporary file may hold; TOO_MANY_UPLOADS (429) when a bound is reached.
 */
export function takeUploadSlot(
  slots: UploadSlots,
  caller: string,
  declaredLength: number,
  maxFileBytes: number,
): UploadSlot {
  const slot = slots.take(caller, bytesToReserve(declaredLength, maxFileBytes));
  if (!slot.taken)
    throw new UploadRefusal(ApiErrorCode.TOO_MANY_UPLOADS, slot.message, {
      limit: slot.limit,
      retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
    });
  return slot;
}

/**
 * What an attempt's audit row says of its file: the name and the bytes read (in part, when aborted
 * or over the limit), else the size the request declared; the hash once the file is whole.
 */
export function attemptFile(
  receiver: UploadReceiver,
  upload: ReceivedUpload | undefined,
  /** The request's Content-Length, as a number (NaN or 0: none). */
  declared: number,
): Pick<UploadAttempt, 'fileName' | 'bytes' | 'sha256'> {
  const { fileName, bytesRead } = receiver.progress;
  return {
    fileName: upload?.file?.name ?? fileName,
    bytes: fileName !== null ? bytesRead : Number.isFinite(declared) && declared > 0 ? declared : null,
    sha256: upload?.file?.sha256 ?? null,
  };
}

/** Builds the audit row of this attempt for an outcome. */
export type AttemptOf = (outcome: UploadAttempt['outcome'], code: string | null) => UploadAttempt;

/** The audit row of an attempt; failing to write it is logged, never hides the answer. */
export async function auditAttempt(
  dataSource: DataSource,
  actor: Actor,
  attempt: UploadAttempt,
  where: string,
): Promise<void> {
  try {
    await auditUploadAttempt(dataSource.manager, actor, attempt);
  } catch (error) {
    logInternalError(`${where} audit`, error);
  }
}

/**
 * Answers an upload that failed, and audits the attempt when the caller is known: an aborted
 * upload is dropped (ABORTED), a malformed body or a refusal answers its code (REFUSED), anything
 * else as the API maps it (FAILED when internal).
 */
export async function answerUploadFailure(
  dataSource: DataSource,
  res: Response,
  error: unknown,
  actor: Actor | undefined,
  attempt: AttemptOf,
  where: string,
): Promise<Response | undefined> {
  if (error instanceof UploadAbortedError) {
    if (actor) await auditAttempt(dataSource, actor, attempt('ABORTED', null), where);
    res.destroy();
    return undefined;
  }
  const refusal =
    error instanceof UploadMalformedError
      ? new UploadRefusal(ApiErrorCode.BAD_REQUEST, error.message)
      : error;
  if (refusal instanceof UploadRefusal) {
    if (actor) await auditAttempt(dataSource, actor, attempt('REFUSED', refusal.code), where);
    if (refusal.code === ApiErrorCode.TOO_MANY_UPLOADS)
      res.setHeader('Retry-After', String(UPLOAD_RETRY_AFTER_SECONDS));
    return sendError(res, refusal.code, refusal.message, refusal.extra);
  }
  const { code } = refusalOf(error);
  if (actor)
    await auditAttempt(
      dataSource,
      actor,
      attempt(code === ApiErrorCode.INTERNAL ? 'FAILED' : 'REFUSED', code),
      where,
    );
  return sendCaught(res, error, where);
}
