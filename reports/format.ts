import { Money } from '../money/decimal';
import { labelText, type Cell, type CellKind } from './document';
import type { Language } from './types';

/** 1234567.5 -> "1,234,567.50": two decimals, four when the amount has them. */
export function formatAmount(amount: string): string {
  const value = new Money(amount);
  const decimals = value.times(100).isInteger() ? 2 : 4;
  const [integer = '0', fraction = ''] = value.abs().toFixed(decimals).split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value.isNegative() && !value.isZero() ? '-' : ''}${grouped}.${fraction}`;
}

/** "0.8731" -> "87.31%". */
export function formatPercent(rate: string): string {
  return `${new Money(rate).times(100).toFixed(2)}%`;
}

/** A cell as it reads on paper. */
export function displayCell(value: Cell, kind: CellKind, language: Language): string {
  if (value === null || value === '') return '';
  if (typeof value === 'object') return labelText(value, language);
  if (typeof value === 'number') return kind === 'percent' ? formatPercent(String(value)) : String(value);
  if (kind === 'amount') return formatAmount(value);
  if (kind === 'percent') return formatPercent(value);
  return value;
}
