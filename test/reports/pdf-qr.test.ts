import QRCode from 'qrcode';
import { REPORT_EXAMPLES } from '../../reports/examples';
import { buildReport } from '../../reports/index';
import { darkRuns, qrModules, renderPdf } from '../../reports/render/pdf';
import { hasPoppler, qrCodesOf } from './pdf-text';

// #20 soak: the statement and the 询证函 of every period the monthly fan-out sends carry a QR code
// of the round's short link; the code costs less to make and to draw, and still reads back.
const pdfIt = hasPoppler() ? it : it.skip;

describe('QR codes in PDFs', () => {
  it('draws each row of dark modules as maximal runs covering exactly the dark modules', () => {
    const modules = QRCode.create('https://recon.example/c/ABCDEFGHJKMN', {
      errorCorrectionLevel: 'M',
    }).modules;
    const runs = darkRuns(modules);
    const covered = new Set<string>();
    for (const run of runs) {
      expect(run.length).toBeGreaterThan(0);
      for (let c = run.column; c < run.column + run.length; c += 1) {
        expect(modules.get(run.row, c)).toBeTruthy();
        covered.add(`${run.row},${c}`);
      }
      // Maximal: the modules just before and after a run are light (or outside the code).
      if (run.column > 0) expect(modules.get(run.row, run.column - 1)).toBeFalsy();
      if (run.column + run.length < modules.size)
        expect(modules.get(run.row, run.column + run.length)).toBeFalsy();
    }
    let dark = 0;
    for (let r = 0; r < modules.size; r += 1)
      for (let c = 0; c < modules.size; c += 1) if (modules.get(r, c)) dark += 1;
    expect(covered.size).toBe(dark);
    // Fewer rectangles than dark modules: what the change is for.
    expect(runs.length).toBeLessThan(dark * 0.7);
  });

  it('makes the code of a link once for the statement and the letter that carry it', async () => {
    const url = 'https://recon.example/c/QRONCE234567';
    const create = jest.spyOn(QRCode, 'create');
    try {
      await renderPdf(buildReport('statement', { ...REPORT_EXAMPLES.statement, confirmationUrl: url }));
      await renderPdf(buildReport('confirmation', { ...REPORT_EXAMPLES.confirmation, confirmationUrl: url }));
      expect(create.mock.calls.filter(([text]) => text === url)).toHaveLength(1);
      expect(qrModules(url)).toBe(qrModules(url));
    } finally {
      create.mockRestore();
    }
  });

  pdfIt('still reads back as the link from the rendered page', async () => {
    const url = 'https://recon.example/c/READBACK2345';
    const statement = await renderPdf(
      buildReport('statement', { ...REPORT_EXAMPLES.statement, confirmationUrl: url }),
    );
    const letter = await renderPdf(
      buildReport('confirmation', { ...REPORT_EXAMPLES.confirmation, confirmationUrl: url }),
    );
    expect(qrCodesOf(statement)).toEqual([url]);
    expect(qrCodesOf(letter)).toEqual([url]);
  });
});
