import { REPORT_EXAMPLES } from '../../reports/examples';
import { buildReport, renderPdfOffThread, renderReport } from '../../reports/index';
import { PdfThread } from '../../reports/render/pdf-off-thread';
import { hasPoppler, pdfToText } from './pdf-text';

const poppler = hasPoppler() ? it : it.skip;

describe('PDFs rendered on the PDF thread', () => {
  poppler(
    'reads the same as the PDF rendered on the event loop, for a statement and its letter',
    async () => {
      for (const kind of ['statement', 'confirmation'] as const) {
        const here = await renderReport(kind, REPORT_EXAMPLES[kind], 'pdf', 'bilingual');
        const there = await renderPdfOffThread(kind, REPORT_EXAMPLES[kind], 'bilingual');
        expect(there.fileName).toBe(here.fileName);
        expect(there.body.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdfToText(there.body)).toBe(pdfToText(here.body));
      }
    },
    60_000,
  );

  it('answers documents sent together each with its own PDF, and fails them all if the thread dies', async () => {
    const thread = new PdfThread();
    const statement = buildReport('statement', REPORT_EXAMPLES.statement);
    const letter = buildReport('confirmation', REPORT_EXAMPLES.confirmation);
    const [a, b] = await Promise.all([thread.render(statement, 'zh'), thread.render(letter, 'en')]);
    expect(a.equals(b)).toBe(false);
    expect(thread.inFlight).toBe(0);

    const lost = thread.render(statement, 'zh');
    await thread.close();
    await expect(lost).rejects.toThrow('the PDF thread was closed');
    // A later document starts a new thread.
    expect((await thread.render(letter, 'en')).subarray(0, 5).toString()).toBe('%PDF-');
    await thread.close();
  }, 60_000);
});
