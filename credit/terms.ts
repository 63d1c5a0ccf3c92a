// Payment terms (付款条件) and the due dates they give an invoice. Pure: no I/O.
import { dateOfDay, dayNumber, daysInMonth, isIsoDate } from '../formats/date';
import { TermsKind } from '../contract/credit/enums';
import type { FieldProblem } from '../common/domain-error';

/** One instalment of an invoice: a share of it, due N days after the invoice date (or its month end). */
export interface InstalmentRule {
  /** Percent of the invoice, up to two decimals ("30", "33.33"); the instalments add up to 100. */
  percent: string;
  days: number;
  monthEnd: boolean;
}

/** A payment-terms rule, as stored (payment_terms) and validated by `validateTerms`. */
export interface TermsRule {
  kind: TermsKind;
  /** NET and MONTH_END: days after the invoice date or its month end. */
  days: number;
  /** INSTALMENTS only, in order. */
  instalments: InstalmentRule[];
}

/** What an invoice owes when: each part's due date and amount in units (1/10,000). */
export interface DuePart {
  dueDate: string;
  units: bigint;
}

export const MAX_TERM_DAYS = 3650;
export const MAX_INSTALMENTS = 12;
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;

/** Terms every customer has until someone assigns theirs: net 30 days. */
export const DEFAULT_TERMS: TermsRule = Object.freeze({ kind: TermsKind.NET, days: 30, instalments: [] });

/** Percent text to basis points: "33.33" -> 3333. */
function basisPoints(percent: string): number {
  const [whole, fraction = ''] = percent.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

const isDays = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_TERM_DAYS;

/**
 * Checks a terms rule from outside (the API) and says what is wrong with each field; refuses
 * anything it does not know rather than ignoring it.
 */
export function validateTerms(raw: {
  kind: string;
  days?: number | null;
  instalments?: Array<{ percent: string; days: number; monthEnd?: boolean | null }> | null;
}): { rule: TermsRule; problems: [] } | { rule: null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ index: 0, field, reason });
  const kind = Object.values(TermsKind).find((k) => k === raw.kind);
  if (!kind) problem('kind', `must be one of ${Object.values(TermsKind).join(', ')}`);
  const instalments = raw.instalments ?? [];
  if (kind === TermsKind.INSTALMENTS) {
    if (raw.days !== null && raw.days !== undefined && raw.days !== 0)
      problem('days', 'instalment terms set their days per instalment');
    if (instalments.length < 2 || instalments.length > MAX_INSTALMENTS)
      problem('instalments', `between 2 and ${MAX_INSTALMENTS} instalments`);
    let total = 0;
    instalments.forEach((part, i) => {
      if (typeof part.percent !== 'string' || !PERCENT.test(part.percent) || basisPoints(part.percent) === 0)
        problem(`instalments[${i}].percent`, 'a percent above 0, at most two decimals');
      else total += basisPoints(part.percent);
      if (!isDays(part.days)) problem(`instalments[${i}].days`, `whole days from 0 to ${MAX_TERM_DAYS}`);
    });
    if (problems.length === 0 && total !== 10_000)
      problem('instalments', `the percents add up to ${total / 100}, not 100`);
  } else if (kind) {
    if (!isDays(raw.days)) problem('days', `whole days from 0 to ${MAX_TERM_DAYS}`);
    if (instalments.length > 0) problem('instalments', `only INSTALMENTS terms have instalments`);
  }
  if (problems.length > 0 || !kind) return { rule: null, problems };
  return {
    rule: {
      kind,
      days: kind === TermsKind.INSTALMENTS ? 0 : (raw.days as number),
      instalments: instalments.map((part) => ({
        percent: part.percent,
        days: part.days,
        monthEnd: part.monthEnd ?? false,
      })),
    },
    problems: [],
  };
}

/** The last day of a date's month: 2026-02-10 -> 2026-02-28. */
export function monthEnd(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

function dueOn(invoiceDate: string, days: number, fromMonthEnd: boolean): string {
  return addDays(fromMonthEnd ? monthEnd(invoiceDate) : invoiceDate, days);
}

/** One cent in units. Instalments are cut to whole cents; the last takes what remains. */
const CENT = 100n;

/**
 * When an invoice of `units` dated `invoiceDate` is due under `rule`: one part for net and
 * month-end terms, one per instalment otherwise (a share under a cent folds into the last). The
 * parts add up to the invoice exactly.
 */
export function dueSchedule(rule: TermsRule, invoiceDate: string, units: bigint): DuePart[] {
  if (!isIsoDate(invoiceDate)) throw new RangeError(`not a date: ${invoiceDate}`);
  if (rule.kind === TermsKind.NET) return [{ dueDate: dueOn(invoiceDate, rule.days, false), units }];
  if (rule.kind === TermsKind.MONTH_END) return [{ dueDate: dueOn(invoiceDate, rule.days, true), units }];
  const parts: DuePart[] = [];
  let left = units;
  rule.instalments.forEach((part, i) => {
    const last = i === rule.instalments.length - 1;
    const share = last ? left : ((units * BigInt(basisPoints(part.percent))) / 10_000n / CENT) * CENT;
    left -= share;
    // A share too small for a cent is no instalment of its own: the last one takes it.
    if (share !== 0n) parts.push({ dueDate: dueOn(invoiceDate, part.days, part.monthEnd), units: share });
  });
  return parts;
}

/** "Net 30", "月结60天 month end + 60", "30% 30d / 70% 60d": for people. */
export function describeTerms(rule: TermsRule): { zh: string; en: string } {
  if (rule.kind === TermsKind.NET) return { zh: `票后${rule.days}天`, en: `Net ${rule.days} days` };
  if (rule.kind === TermsKind.MONTH_END)
    return { zh: `月结${rule.days}天`, en: `Month end + ${rule.days} days` };
  const part = (p: InstalmentRule, zh: boolean) =>
    `${p.percent}% ${p.monthEnd ? (zh ? '月结' : 'EOM+') : ''}${p.days}${zh ? '天' : 'd'}`;
  return {
    zh: `分期 ${rule.instalments.map((p) => part(p, true)).join(' / ')}`,
    en: `Instalments ${rule.instalments.map((p) => part(p, false)).join(' / ')}`,
  };
}
