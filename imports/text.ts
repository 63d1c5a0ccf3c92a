import { isoDateOf } from '../formats/date';
import type { CellValue } from './types';

/** Full-width forms to ASCII (NFKC), trimmed, inner whitespace collapsed: how people see two labels as equal. */
export function normalizeLabel(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A cell as text for free-form fields (references, descriptions): numbers without float noise, dates ISO. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return isoDateOf(value);
}

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function isBlankRow(cells: readonly CellValue[]): boolean {
  return cells.every((cell) => isBlank(cell));
}

/** Excel-style column name for a 0-based index: 0 -> A, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}
