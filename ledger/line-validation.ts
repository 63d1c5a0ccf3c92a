import { EntryKind } from '../contract/enums';
import { AmountError, money, type Money } from '../money/decimal';
import type { FieldProblem } from '../common/domain-error';
import { isCurrencyCode } from '../formats/currency';
import { isoDateProblem } from '../formats/date';

const KINDS = new Set<string>(Object.values(EntryKind));

/** Collects field problems for one item instead of stopping at the first. */
export class FieldChecker {
  readonly problems: FieldProblem[] = [];
  constructor(private readonly index: number) {}

  private fail(field: string, reason: string) {
    this.problems.push({ index: this.index, field, reason });
  }

  text(field: string, value: unknown, max: number, required: boolean): string | null {
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(field, 'is required');
      return null;
    }
    if (typeof value !== 'string') return (this.fail(field, 'must be a string'), null);
    if (value.length > max) return (this.fail(field, `is longer than ${max} characters`), null);
    return value;
  }

  date(field: string, value: unknown): string | null {
    const problem = isoDateProblem(value);
    if (problem === 'form') return (this.fail(field, 'must be a date YYYY-MM-DD'), null);
    if (problem === 'calendar') return (this.fail(field, 'is not a calendar date'), null);
    return value as string;
  }

  amount(field: string, value: unknown): Money | null {
    try {
      const parsed = money(value as string);
      if (parsed.abs().gte('1e16'))
        return (this.fail(field, 'is too large (at most 16 integer digits)'), null);
      return parsed;
    } catch (error) {
      if (error instanceof AmountError) {
        this.fail(field, 'must be a decimal string with at most 4 decimals, e.g. "-1234.56"');
        return null;
      }
      throw error;
    }
  }

  kind(field: string, value: unknown): EntryKind | null {
    if (typeof value !== 'string' || !KINDS.has(value))
      return (this.fail(field, `must be one of ${[...KINDS].join(', ')}`), null);
    return value as EntryKind;
  }

  currency(field: string, value: unknown): string | null {
    if (!isCurrencyCode(value)) return (this.fail(field, 'must be an ISO 4217 code like CNY'), null);
    return value;
  }
}
