import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { labelText, type Block, type CellKind, type Column, type ReportDocument } from '../document';
import { displayCell } from '../format';
import type { Language } from '../types';
import { loadCjkFont, parsedCjkFont } from './pdf-font';

type Pdf = PDFKit.PDFDocument;
type TableBlock = Extract<Block, { type: 'table' }>;

const MARGIN = 40;
const FOOTER_SPACE = 24;
const BODY_SIZE = 9;
const TABLE_SIZE = 8;
const PAD = 3;
const KIND_WEIGHT: Record<CellKind, number> = {
  text: 1.2,
  amount: 1.1,
  date: 0.9,
  integer: 0.6,
  number: 0.7,
  percent: 0.8,
};
const GRAY = '#555555';
/** The QR code's side in points (about 30 mm): a phone reads it from a printed page at arm's length. */
const QR_SIZE = 84;
const LINE = '#999999';

interface RowMeasure {
  height: number;
  /** Each cell's text width when it fits on one line, else undefined. */
  oneLine: (number | undefined)[];
}

/** The room for text in column `i`: its width less the padding on both sides. */
function cellWidth(widths: readonly number[], i: number): number {
  return (widths[i] ?? 20) - 2 * PAD;
}

function isUrl(value: string): boolean {
  return /^https?:\/\/\S+$/.test(value);
}

/**
 * A link cut into lines that fit `width`, at whatever character the width ends: the line breaker
 * would cut it at its `?` or at a `-` inside the token instead, differently for every token, and a
 * reader (or pdftotext) would no longer find the address whole on its first line. Widths add up
 * character by character: the CJK face is laid out glyph by glyph, without kerning.
 */
export function hardWrap(text: string, width: number, measure: (char: string) => number): string[] {
  const widths = new Map<string, number>();
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const char of text) {
    let charWidth = widths.get(char);
    if (charWidth === undefined) widths.set(char, (charWidth = measure(char)));
    if (line !== '' && lineWidth + charWidth > width) {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    line += char;
    lineWidth += charWidth;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * A4 PDF with the CJK font embedded (pdfkit subsets it to the glyphs used), so Chinese renders on
 * any machine and pdftotext reads it back. Tables break across pages with their header repeated;
 * every page carries its number.
 */
export async function renderPdf(document: ReportDocument, language: Language = 'bilingual'): Promise<Buffer> {
  // pdfkit takes a parsed fontkit face as well as bytes (its types know only bytes). No default
  // font (null) spares it parsing Helvetica's metrics for every document; the CJK face is set below.
  const faces = parsedCjkFont(loadCjkFont()) as unknown as { regular: string; bold: string };
  const pdf: Pdf = new PDFDocument({
    size: 'A4',
    layout: document.orientation,
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    bufferPages: true,
    lang: 'zh-CN',
    font: null as unknown as string,
    info: { Title: labelText(document.title, language), Author: document.issuer, Creator: 'Recon' },
  });
  pdf.registerFont('cjk', faces.regular);
  pdf.registerFont('cjk-bold', faces.bold);
  pdf.font('cjk');
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });

  const layout = new Layout(pdf, language);
  layout.header(document);
  for (const block of document.blocks) layout.block(block);
  layout.pageNumbers();
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

class Layout {
  constructor(
    private readonly pdf: Pdf,
    private readonly language: Language,
  ) {}

  private get left(): number {
    return this.pdf.page.margins.left;
  }

  private get width(): number {
    return this.pdf.page.width - this.pdf.page.margins.left - this.pdf.page.margins.right;
  }

  private get bottom(): number {
    return this.pdf.page.height - this.pdf.page.margins.bottom;
  }

  /** Start a new page unless `height` more points fit on this one. */
  private ensure(height: number): void {
    if (this.pdf.y + height > this.bottom) this.pdf.addPage();
  }

  private text(
    value: string,
    options: { size: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right' },
  ): void {
    this.pdf
      .font(options.bold ? 'cjk-bold' : 'cjk')
      .fontSize(options.size)
      .fillColor(options.color ?? 'black');
    const y = this.pdf.y;
    if (this.place(value, this.left, y, this.width, options.align ?? 'left')) {
      // As the wrapper leaves it after one line.
      this.pdf.x = this.left;
      this.pdf.y = y + this.pdf.currentLineHeight(true);
    }
  }

  /**
   * Draws `text` in a box `width` wide at (x, y) in the current font: directly when it fits on one
   * line, else through pdfkit's line wrapper. Returns whether it took the direct way. `textWidth`
   * is its oneLineWidth, when the caller has measured it already.
   */
  private place(
    text: string,
    x: number,
    y: number,
    width: number,
    align: 'left' | 'center' | 'right' = 'left',
    textWidth = this.oneLineWidth(text, width),
  ): boolean {
    if (textWidth === undefined) {
      this.pdf.text(text, x, y, { width, align });
      return false;
    }
    // Placed as the wrapper would place the one line it makes.
    const free = width - textWidth;
    const offset = align === 'right' ? free : align === 'center' ? free / 2 : 0;
    this.pdf.text(text, x + offset, y, { lineBreak: false });
    return true;
  }

  /** The height `text` takes in a box `width` wide in the current font. */
  private heightOf(text: string, width: number): number {
    return this.oneLineWidth(text, width) !== undefined
      ? this.pdf.currentLineHeight(true)
      : this.pdf.heightOfString(text || ' ', { width });
  }

  header(document: ReportDocument): void {
    this.text(document.issuer, { size: 9, color: GRAY, align: 'center' });
    this.pdf.moveDown(0.3);
    this.text(labelText(document.title, this.language, '  '), { size: 17, bold: true, align: 'center' });
    this.pdf.moveDown(0.8);
  }

  block(block: Block): void {
    switch (block.type) {
      case 'heading':
        this.ensure(40);
        this.pdf.moveDown(0.4);
        this.text(labelText(block.text, this.language, '  '), { size: 13, bold: true, align: 'center' });
        this.pdf.moveDown(0.4);
        return;
      case 'paragraph': {
        const text = labelText(block.text, this.language, '\n');
        this.ensure(this.pdf.font('cjk').fontSize(BODY_SIZE).heightOfString(text, { width: this.width }));
        this.text(text, { size: BODY_SIZE });
        this.pdf.moveDown(0.6);
        return;
      }
      case 'fields':
        this.fields(
          block.fields.map((f) => [
            labelText(f.label, this.language),
            displayCell(f.value, f.kind ?? 'text', this.language),
          ]),
        );
        return;
      case 'table':
        this.table(block);
        return;
      case 'signature':
        this.signature(block.lines.map((l) => labelText(l, this.language)));
        return;
      case 'cut':
        this.cut(labelText(block.text, this.language, '  '));
        return;
      case 'qr':
        this.qr(block.url, labelText(block.caption, this.language, '\n'));
        return;
    }
  }

  /** Label and value pairs, the label in a fixed column. */
  private fields(pairs: readonly (readonly [string, string])[]): void {
    if (pairs.length === 0) return;
    const labelWidth = Math.min(200, this.width * 0.35);
    const valueWidth = this.width - labelWidth;
    for (const [name, value] of pairs) {
      this.pdf.font('cjk').fontSize(BODY_SIZE);
      const urlLines = isUrl(value)
        ? hardWrap(value, valueWidth, (char) => this.pdf.widthOfString(char))
        : undefined;
      const lineHeight = this.pdf.currentLineHeight(true);
      const height = Math.max(
        this.heightOf(name, labelWidth - 8),
        urlLines ? urlLines.length * lineHeight : this.heightOf(value, valueWidth),
      );
      this.ensure(height + 2);
      const y = this.pdf.y;
      this.pdf.font('cjk-bold').fillColor(GRAY);
      this.place(name, this.left, y, labelWidth - 8);
      this.pdf.font('cjk').fillColor('black');
      if (urlLines)
        urlLines.forEach((line, i) =>
          this.pdf.text(line, this.left + labelWidth, y + i * lineHeight, { lineBreak: false, link: value }),
        );
      else this.place(value, this.left + labelWidth, y, valueWidth);
      this.pdf.y = y + height + 2;
    }
    this.pdf.x = this.left;
    this.pdf.moveDown(0.6);
  }

  private table(block: TableBlock): void {
    const widths = columnWidths(block.columns, this.width);
    if (block.title) {
      this.ensure(60);
      this.text(labelText(block.title, this.language, '  '), { size: 10.5, bold: true });
      this.pdf.moveDown(0.3);
    }
    const titles = block.columns.map((c) => labelText(c.title, this.language, '\n'));
    const header = (): void => this.row(titles, block.columns, widths, { header: true });
    this.ensure(60);
    header();
    block.rows.forEach((cells, index) => {
      const texts = block.columns.map((c, i) => displayCell(cells[i] ?? null, c.kind, this.language));
      const measured = this.measureRow(texts, widths, false);
      if (this.pdf.y + measured.height > this.bottom) {
        this.pdf.addPage();
        header();
      }
      this.row(texts, block.columns, widths, { shade: index % 2 === 1 }, measured);
    });
    if (block.footer) {
      const texts = block.columns.map((c, i) =>
        displayCell(block.footer?.[i] ?? null, c.kind, this.language),
      );
      const measured = this.measureRow(texts, widths, true);
      this.ensure(measured.height);
      this.row(texts, block.columns, widths, { footer: true }, measured);
    }
    this.pdf.x = this.left;
    this.pdf.moveDown(0.8);
  }

  /** A row's height, and each cell's width when it fits on one line (measured once, used to draw). */
  private measureRow(texts: readonly string[], widths: readonly number[], bold: boolean): RowMeasure {
    this.pdf.font(bold ? 'cjk-bold' : 'cjk').fontSize(TABLE_SIZE);
    const lineHeight = this.pdf.currentLineHeight(true);
    const oneLine = texts.map((t, i) => this.oneLineWidth(t, cellWidth(widths, i)));
    const heights = texts.map((t, i) =>
      oneLine[i] !== undefined
        ? lineHeight
        : this.pdf.heightOfString(t || ' ', { width: cellWidth(widths, i) }),
    );
    return { height: Math.max(...heights) + 2 * PAD, oneLine };
  }

  /**
   * The width of `text` in the current font when it fits `width` on one line, else undefined.
   * Most cells fit, and for them pdfkit's line wrapper (most of the cost of a statement) is not needed.
   */
  private oneLineWidth(text: string, width: number): number | undefined {
    if (text.includes('\n')) return undefined;
    const textWidth = this.pdf.widthOfString(text);
    return textWidth <= width ? textWidth : undefined;
  }

  private row(
    texts: readonly string[],
    columns: readonly Column[],
    widths: readonly number[],
    style: { header?: boolean; footer?: boolean; shade?: boolean },
    measured = this.measureRow(texts, widths, Boolean(style.header || style.footer)),
  ): void {
    const bold = Boolean(style.header || style.footer);
    const { height, oneLine } = measured;
    const y = this.pdf.y;
    if (style.header || style.shade) {
      this.pdf.rect(this.left, y, this.width, height).fill(style.header ? '#dce6f1' : '#f5f7fa');
    }
    let x = this.left;
    texts.forEach((text, i) => {
      const width = widths[i] ?? 20;
      const kind = columns[i]?.kind ?? 'text';
      const numeric = kind !== 'text' && kind !== 'date';
      this.pdf
        .font(bold ? 'cjk-bold' : 'cjk')
        .fontSize(TABLE_SIZE)
        .fillColor('black');
      this.place(
        text,
        x + PAD,
        y + PAD,
        cellWidth(widths, i),
        style.header ? 'center' : numeric ? 'right' : 'left',
        oneLine[i],
      );
      x += width;
    });
    const lineY = y + height;
    this.pdf.lineWidth(style.footer || style.header ? 0.8 : 0.3);
    if (style.footer)
      this.pdf
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .stroke(LINE);
    this.pdf
      .moveTo(this.left, lineY)
      .lineTo(this.left + this.width, lineY)
      .stroke(LINE);
    this.pdf.y = lineY;
  }

  private signature(lines: readonly string[]): void {
    this.ensure(lines.length * 22 + 10);
    this.pdf.moveDown(0.8);
    const x = this.left + this.width * 0.55;
    for (const line of lines) {
      const y = this.pdf.y;
      this.pdf
        .font('cjk')
        .fontSize(BODY_SIZE)
        .fillColor('black')
        .text(`${line}:`, x, y, { width: this.width * 0.45 });
      this.pdf.y = y + 20;
    }
    this.pdf.x = this.left;
    this.pdf.moveDown(0.5);
  }

  /**
   * A QR code of `url`, drawn as vectors (one rectangle per run of dark modules in a row, so it
   * stays sharp at any zoom or print resolution) and linked, with its caption beside it.
   */
  private qr(url: string, caption: string): void {
    const modules = qrModules(url);
    const quiet = 2;
    const module = QR_SIZE / (modules.size + 2 * quiet);
    this.ensure(QR_SIZE + 6);
    const x = this.left;
    const y = this.pdf.y;
    for (const run of darkRuns(modules))
      this.pdf.rect(
        x + (run.column + quiet) * module,
        y + (run.row + quiet) * module,
        run.length * module,
        module,
      );
    this.pdf.fillColor('black').fill();
    this.pdf.link(x, y, QR_SIZE, QR_SIZE, url);
    this.pdf.font('cjk').fontSize(BODY_SIZE).fillColor(GRAY);
    this.pdf.text(caption, x + QR_SIZE + 12, y + QR_SIZE / 2 - 12, { width: this.width - QR_SIZE - 12 });
    this.pdf.fillColor('black');
    this.pdf.x = this.left;
    this.pdf.y = y + QR_SIZE + 6;
  }

  /** What follows a cut line (a reply slip) is kept on one page. */
  private cut(caption: string): void {
    this.ensure(380);
    this.pdf.moveDown(1);
    const y = this.pdf.y;
    this.pdf
      .lineWidth(0.6)
      .dash(4, { space: 3 })
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .stroke(LINE)
      .undash();
    this.pdf.y = y + 4;
    this.text(caption, { size: 7.5, color: GRAY, align: 'center' });
    this.pdf.moveDown(0.8);
  }

  /** "第 1 页 / 共 3 页  Page 1 of 3" on each page, written once the page count is known. */
  pageNumbers(): void {
    const range = this.pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.pdf.switchToPage(i);
      const page = this.pdf.page;
      const bottomMargin = page.margins.bottom;
      // Writing inside the bottom margin would otherwise start a new page.
      page.margins.bottom = 0;
      const number = i - range.start + 1;
      const text =
        this.language === 'en'
          ? `Page ${number} of ${range.count}`
          : this.language === 'zh'
            ? `第 ${number} 页 / 共 ${range.count} 页`
            : `第 ${number} 页 / 共 ${range.count} 页  Page ${number} of ${range.count}`;
      this.pdf
        .font('cjk')
        .fontSize(7.5)
        .fillColor(GRAY)
        .text(text, page.margins.left, page.height - MARGIN - 6, {
          width: page.width - page.margins.left - page.margins.right,
          align: 'center',
          lineBreak: false,
        });
      page.margins.bottom = bottomMargin;
    }
  }
}

function columnWidths(columns: readonly Column[], total: number): number[] {
  const weights = columns.map((c) => c.width ?? KIND_WEIGHT[c.kind]);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => (w / sum) * total);
}

/** A QR code's modules: `size` × `size`, dark where `get` is truthy. */
export interface QrModules {
  size: number;
  get(row: number, column: number): number | boolean;
}

/** The codes made lately, by text: a period's statement and its letter carry the same link. */
const recentCodes = new Map<string, QrModules>();
const RECENT_CODES = 16;

/**
 * The modules of `text`'s QR code (level M). Choosing a code's mask means scoring all eight, about
 * a millisecond a code; the statement and the letter of one mailing show the same link, so the
 * second document reuses the first one's code.
 */
export function qrModules(text: string): QrModules {
  let modules = recentCodes.get(text);
  if (!modules) {
    modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    if (recentCodes.size >= RECENT_CODES) recentCodes.delete(recentCodes.keys().next().value!);
    recentCodes.set(text, modules);
  }
  return modules;
}

/**
 * The dark modules as horizontal runs, row by row: one rectangle per run instead of one per module
 * halves the drawing operators (and the content stream pdfkit formats and deflates) of a code.
 */
export function darkRuns(modules: QrModules): Array<{ row: number; column: number; length: number }> {
  const runs: Array<{ row: number; column: number; length: number }> = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (!modules.get(row, column)) continue;
      const start = column;
      while (column + 1 < modules.size && modules.get(row, column + 1)) column += 1;
      runs.push({ row, column: start, length: column - start + 1 });
    }
  }
  return runs;
}
