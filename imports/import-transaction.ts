import type { Connection } from 'mysql2/promise';
import type { ImportKind } from '../contract/enums';
import { ImportFileError } from './errors';
import { claimImportFile, findImport, isDuplicateKey, type ExistingImport } from './import-db';
import { duplicateResult, rejectedResult, type DuplicateResult, type RejectedResult } from './import-result';

/** What an import's body may do with its transaction besides writing. */
export interface ImportTransaction {
  /** Ends the transaction without writing anything; the body then returns its refusal. */
  rollback(): Promise<void>;
}

/**
 * The one transaction of a file import (statement or ledger): begins it, commits when `body` returns
 * with it still open, rolls it back when `body` calls `rollback` or throws, and answers a problem of
 * the file (ImportFileError) as REJECTED rather than throwing. Nothing is ever half written.
 */
export async function inImportTransaction<R>(
  conn: Connection,
  fileHash: string,
  body: (tx: ImportTransaction) => Promise<R>,
): Promise<R | RejectedResult> {
  await conn.beginTransaction();
  let open = true;
  const tx: ImportTransaction = {
    rollback: async () => {
      if (!open) return;
      open = false;
      await conn.rollback();
    },
  };
  try {
    const result = await body(tx);
    if (open) {
      open = false;
      await conn.commit();
    }
    return result;
  } catch (error) {
    if (open) await conn.rollback().catch(() => undefined);
    if (error instanceof ImportFileError) return rejectedResult(fileHash, 0, [error.toIssue()], null);
    throw error;
  }
}

export interface ImportClaim {
  readonly customerId: string;
  readonly kind: ImportKind;
  readonly fileName: string;
  readonly fileHash: string;
  /** The file's earlier import when it was REJECTED (taken over) or is being replaced. */
  readonly existing: ExistingImport | null;
  readonly importedBy: string;
}

/**
 * Claims the file's hash inside `tx` and answers the new import_files id; when the same file was
 * imported a moment ago by someone else (the unique key), rolls back and answers DUPLICATE instead.
 */
export async function claimOrDuplicate(
  conn: Connection,
  tx: ImportTransaction,
  claim: ImportClaim,
): Promise<{ readonly status: 'CLAIMED'; readonly importFileId: string } | DuplicateResult> {
  try {
    const importFileId = await claimImportFile(
      conn,
      claim.customerId,
      claim.kind,
      claim.fileName,
      claim.fileHash,
      claim.existing,
      claim.importedBy,
    );
    return { status: 'CLAIMED', importFileId };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await tx.rollback();
    const again = await findImport(conn, claim.customerId, claim.kind, claim.fileHash);
    if (again) return duplicateResult(again.id, again.statementId, claim.fileHash);
    throw error;
  }
}
