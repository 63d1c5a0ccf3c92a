// The PDF thread's entry (pdf-off-thread.ts starts it): renders documents sent to it, one message each.
import { parentPort } from 'node:worker_threads';
import type { ReportDocument } from '../document';
import type { Language } from '../types';
import { renderPdf } from './pdf';

export interface PdfRequest {
  readonly id: number;
  readonly document: ReportDocument;
  readonly language: Language;
}

export type PdfAnswer =
  | { readonly id: number; readonly body: Uint8Array }
  | { readonly id: number; readonly error: string; readonly name: string };

parentPort?.on('message', (request: PdfRequest) => {
  renderPdf(request.document, request.language).then(
    (body) => parentPort!.postMessage({ id: request.id, body } satisfies PdfAnswer),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
        name: error instanceof Error ? error.name : 'Error',
      } satisfies PdfAnswer),
  );
});
