import type { EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import { auditFields, type Actor } from '../contract/actor';

/** What became of one statement upload: the import's own status, or why it never got that far. */
export type UploadOutcome = 'IMPORTED' | 'DUPLICATE' | 'REJECTED' | 'REFUSED' | 'ABORTED' | 'FAILED';

/** One upload attempt, as far as it got: what was sent (when read), by whom, and what came of it. */
export interface UploadAttempt {
  readonly outcome: UploadOutcome;
  /** The API's error code of a refusal (`ApiErrorCode`); null when the file was taken (IMPORTED, DUPLICATE). */
  readonly code: string | null;
  /** REJECTED: the first problems' codes in the file (ImportErrorCode), at most 10. */
  readonly issueCodes?: readonly string[];
  readonly customerCode: string | null;
  /** As the client named it; null when the body was not read. */
  readonly fileName: string | null;
  /** Bytes of the file read, or the declared Content-Length when it was refused unread. */
  readonly bytes: number | null;
  readonly sha256: string | null;
  readonly importFileId?: string | null;
  readonly statementId?: string | null;
}

export const UPLOAD_AUDIT_ACTION = 'statement.upload';

/**
 * Every upload attempt by a known caller leaves one audit row (#17.15), whatever its outcome: the
 * import's own `statement.imported`/`replaced` rows say what changed; this one says who sent what.
 * Anonymous requests are refused before their body is read and are not audited: anyone could fill
 * the chain with them (they are logged and counted like any other 401).
 */
export function auditUploadAttempt(
  manager: EntityManager,
  actor: Actor,
  attempt: UploadAttempt,
): Promise<unknown> {
  return appendAudit(manager, {
    ...auditFields(actor),
    action: UPLOAD_AUDIT_ACTION,
    entityType: 'statement_upload',
    entityId: attempt.sha256 ?? '-',
    after: { ...attempt },
  });
}
