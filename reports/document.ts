import type { Language } from './types';

/**
 * A report as a neutral document: builders turn report data into one, renderers turn it into PDF,
 * XLSX or CSV. So each report is written once, and each format once.
 */

/** Text in both languages; renderers pick per the chosen Language. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** `number`: a decimal that is not money (days, ratios), shown as given. */
export type CellKind = 'text' | 'amount' | 'date' | 'integer' | 'number' | 'percent';

export interface Column {
  readonly title: Label;
  readonly kind: CellKind;
  /** Relative width in the PDF; default by kind. */
  readonly width?: number;
}

/** Amounts and rates as exact decimal text; numbers only for counts; a Label for coded values (kinds, statuses). */
export type Cell = string | number | Label | null;

export interface Field {
  readonly label: Label;
  readonly value: Cell;
  readonly kind?: CellKind;
}

export type Block =
  | { readonly type: 'heading'; readonly text: Label }
  | { readonly type: 'paragraph'; readonly text: Label | string }
  | { readonly type: 'fields'; readonly fields: readonly Field[] }
  | {
      readonly type: 'table';
      readonly title?: Label;
      readonly columns: readonly Column[];
      readonly rows: readonly (readonly Cell[])[];
      /** A totals row under the table (label in the first cell). */
      readonly footer?: readonly Cell[];
    }
  /** Lines to sign and stamp (签章, 日期). */
  | { readonly type: 'signature'; readonly lines: readonly Label[] }
  /** A line to cut along: what follows is returned separately (the reply slip). */
  | { readonly type: 'cut'; readonly text: Label }
  /** A link to open from paper: a QR code of `url` beside its caption (PDF; a sheet has the link in a field). */
  | { readonly type: 'qr'; readonly url: string; readonly caption: Label };

export interface ReportDocument {
  readonly title: Label;
  /** Who issues it: printed above the title. */
  readonly issuer: string;
  readonly orientation: 'portrait' | 'landscape';
  readonly blocks: readonly Block[];
  /** A file name without extension, ASCII. */
  readonly fileName: string;
}

/** The text of a label in a language; bilingual joins both. */
export function labelText(label: Label | string, language: Language, separator = ' '): string {
  if (typeof label === 'string') return label;
  if (language === 'zh') return label.zh;
  if (language === 'en') return label.en;
  return label.zh === label.en ? label.zh : `${label.zh}${separator}${label.en}`;
}

export function label(zh: string, en: string): Label {
  return { zh, en };
}
