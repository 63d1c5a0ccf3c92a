import { CSRF_HEADERS } from './csrf';
import { NETWORK_FAILURE } from './refusal-codes';
import { refusalOfBody, type Refusal } from './refusals';
import { CUSTOMER_UPLOAD_HEADERS, CUSTOMER_UPLOAD_MAX_BYTES } from './customer-upload-layout';

export { CUSTOMER_UPLOAD_HEADERS, CUSTOMER_UPLOAD_MAX_BYTES };

/**
 * The customer's own statement file, sent with their link to POST /confirm/statement-file, where
 * the staff importer reads it (api/imports/customer-upload.ts). The server decides everything again;
 * the size check here only spares a phone a long upload that would be refused.
 */

/** One problem of the file as the server names it: row and column (null: the whole file), and why. */
export interface FileIssue {
  code: string;
  row: number | null;
  column: string | null;
  message: string;
  value?: string;
}

export type UploadOutcome =
  | {
      status: 'IMPORTED';
      fileName: string;
      lineCount: number;
      openingBalance: string;
      closingBalance: string;
    }
  | { status: 'REJECTED'; rejectedRowCount: number; issues: FileIssue[] }
  /** Refused before reading (link, state, size): the code says which. */
  | { status: 'REFUSED'; refusal: Refusal };

export async function uploadStatementFile(token: string, file: File): Promise<UploadOutcome> {
  if (file.size > CUSTOMER_UPLOAD_MAX_BYTES)
    return { status: 'REFUSED', refusal: { code: 'PAYLOAD_TOO_LARGE' } };
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch('/confirm/statement-file', {
      method: 'POST',
      body: form,
      headers: { authorization: `Customer ${token}`, ...CSRF_HEADERS },
      credentials: 'omit',
    });
  } catch (error) {
    return {
      status: 'REFUSED',
      refusal: { code: NETWORK_FAILURE, detail: error instanceof Error ? error.message : undefined },
    };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 201 || response.status === 422) return body as UploadOutcome;
  return { status: 'REFUSED', refusal: refusalOfBody(response.status, body) };
}

/** The blank template the page offers: the header row, in the page's language, as CSV (UTF-8 with BOM for Excel). */
export function templateCsv(language: 'en' | 'zh'): Blob {
  return new Blob([`\uFEFF${CUSTOMER_UPLOAD_HEADERS[language].join(',')}\r\n`], {
    type: 'text/csv;charset=utf-8',
  });
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
