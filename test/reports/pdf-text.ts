import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';

/** pdftotext and pdffonts come from poppler-utils (scripts/install-system-deps.sh installs it). */
export function hasPoppler(): boolean {
  return spawnSync('pdftotext', ['-v']).error === undefined;
}

function withFile<T>(pdf: Buffer, run: (file: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'recon-pdf-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return run(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext reads it (layout kept, so a table row stays on one line). */
export function pdfToText(pdf: Buffer): string {
  return withFile(pdf, (file) =>
    execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/** pdffonts' table: one line per font with its type and whether it is embedded and subset. */
export function pdfFonts(pdf: Buffer): string {
  return withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
}

/**
 * Every QR code on each page, decoded: the page is rendered as a grey image (pdftoppm) and read by
 * jsQR, as a phone would read the printed page.
 */
export function qrCodesOf(pdf: Buffer, dpi = 150): string[] {
  return withFile(pdf, (file) => {
    const prefix = path.join(path.dirname(file), 'page');
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, prefix]);
    const pages = readdirSync(path.dirname(file))
      .filter((name) => name.startsWith('page') && name.endsWith('.pgm'))
      .sort();
    const found: string[] = [];
    for (const name of pages) {
      const image = readPgm(readFileSync(path.join(path.dirname(file), name)));
      const code = jsQR(image.rgba, image.width, image.height);
      if (code) found.push(code.data);
    }
    return found;
  });
}

/** A binary PGM (P5, 8 bits) as RGBA, which jsQR reads. */
function readPgm(bytes: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM image');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const grey = bytes.subarray(header[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = grey[i];
    rgba[4 * i + 3] = 255;
  }
  return { width, height, rgba };
}
