import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../contract/actor';
import { auditUploadAttempt, type UploadAttempt } from '../../imports/upload-audit';
import { refusalOf } from '../api-error';
import { ApiErrorCode } from '../error-codes';
import { sendCaught, sendError } from '../http-error';
import { logInternalError } from '../internal-errors';
import { UploadAbortedError, UploadMalformedError } from './upload-receiver';

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
