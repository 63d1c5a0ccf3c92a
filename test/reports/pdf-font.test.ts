import { loadCjkFont, ReportFontError } from '../../reports/render/pdf-font';

describe('CJK font for PDFs', () => {
  it('comes from the npm package by default', () => {
    const font = loadCjkFont({});
    expect(font.source).toMatch(/NotoSansSC_400Regular\.ttf$/);
    expect(font.regular.length).toBeGreaterThan(1_000_000);
  });

  it('says what to do when RECON_CJK_FONT points nowhere', () => {
    expect(() => loadCjkFont({ RECON_CJK_FONT: '/nonexistent/font.ttf' })).toThrow(ReportFontError);
    expect(() => loadCjkFont({ RECON_CJK_FONT: '/nonexistent/font.ttf' })).toThrow(/RECON_CJK_FONT/);
  });
});
