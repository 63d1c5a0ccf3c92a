import { isCurrencyCode } from '../formats/currency';
import { editDistance } from './normalize-reference';
import type { RuleName, RuleSettings, Tolerance } from './types';
import { absUnits, toUnits } from './units';

export const ALL_RULES: RuleName[] = [
  'EXACT_REFERENCE',
  'NORMALIZED_REFERENCE',
  'TEXT_REFERENCE',
  'AMOUNT_DATE_WINDOW',
  'FUZZY_REFERENCE',
  'ONE_TO_MANY',
  'MANY_TO_MANY',
];

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  rules: ALL_RULES,
  // A bank fee of a few tens on a payment is accepted (and shown as a TOLERANCE line), a real error is not.
  tolerances: { '*': { absolute: '50', percent: '0.5' } },
  dateWindowDays: 5,
  fuzzyMaxEdits: 2,
  fuzzyMinLength: 5,
  maxGroupSize: 5,
  subsetPoolSize: 30,
  timingDays: 3,
  autoApplyConfidence: 0.8,
};

export enum RuleSettingsErrorCode {
  INVALID_FIELD = 'RULE_SETTINGS_INVALID_FIELD',
}

export class RuleSettingsError extends Error {
  readonly code = RuleSettingsErrorCode.INVALID_FIELD;
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`rule settings: ${field} ${reason}`);
    this.name = 'RuleSettingsError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function integer(raw: Record<string, unknown>, field: keyof RuleSettings, min: number, max: number): number {
  const value = raw[field] ?? DEFAULT_RULE_SETTINGS[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RuleSettingsError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** The known name nearest to a misspelt one: a shared word first ("amountTolerance" → "tolerances"), then edits. */
export function nearestName(unknown: string, known: readonly string[]): string | undefined {
  const words = (text: string) =>
    text
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 4)
      .map((w) => w.replace(/s$/, ''));
  const mine = new Set(words(unknown));
  const ranked = known
    .map((name) => ({
      name,
      shared: words(name).some((w) => mine.has(w)) ? 0 : 1,
      edits: editDistance(unknown.toLowerCase(), name.toLowerCase(), 64),
    }))
    .sort((a, b) => a.shared - b.shared || a.edits - b.edits);
  const best = ranked[0];
  if (!best) return undefined;
  return best.shared === 0 || best.edits <= Math.max(2, Math.floor(unknown.length / 3))
    ? best.name
    : undefined;
}

/** Unknown keys are refused, not ignored: a misspelt setting would silently run with the default. */
function refuseUnknownKeys(raw: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(raw)) {
    if (known.includes(key)) continue;
    const nearest = nearestName(key, known);
    throw new RuleSettingsError(
      `${prefix}${key}`,
      `is an unknown setting${nearest ? `; did you mean "${nearest}"?` : ''} (known: ${known.join(', ')})`,
    );
  }
}

const SETTING_KEYS = Object.keys(DEFAULT_RULE_SETTINGS) as Array<keyof RuleSettings>;

function tolerance(field: string, value: unknown): Tolerance {
  if (!isObject(value)) throw new RuleSettingsError(field, 'must be { absolute, percent }');
  refuseUnknownKeys(value, ['absolute', 'percent'], `${field}.`);
  for (const part of ['absolute', 'percent'] as const) {
    const text = value[part];
    if (typeof text !== 'string') throw new RuleSettingsError(`${field}.${part}`, 'must be a decimal string');
    try {
      if (toUnits(text) < 0n) throw new RuleSettingsError(`${field}.${part}`, 'must not be negative');
    } catch (error) {
      if (error instanceof RuleSettingsError) throw error;
      throw new RuleSettingsError(`${field}.${part}`, 'must be a decimal string with at most 4 decimals');
    }
  }
  return { absolute: value.absolute as string, percent: value.percent as string };
}

/** Validates a customer's stored settings (partial: the rest are defaults), naming the first bad field. */
export function validateRuleSettings(raw: unknown): RuleSettings {
  if (raw === undefined || raw === null) return DEFAULT_RULE_SETTINGS;
  if (!isObject(raw)) throw new RuleSettingsError('(root)', 'must be an object');
  refuseUnknownKeys(raw, SETTING_KEYS, '');
  const rules = raw.rules ?? DEFAULT_RULE_SETTINGS.rules;
  if (
    !Array.isArray(rules) ||
    rules.some((rule) => !ALL_RULES.includes(rule as RuleName)) ||
    new Set(rules).size !== rules.length
  ) {
    throw new RuleSettingsError('rules', `must list distinct rules from ${ALL_RULES.join(', ')}`);
  }
  const tolerances = raw.tolerances ?? DEFAULT_RULE_SETTINGS.tolerances;
  if (!isObject(tolerances))
    throw new RuleSettingsError('tolerances', 'must map currencies to { absolute, percent }');
  for (const currency of Object.keys(tolerances)) {
    if (currency !== '*' && !isCurrencyCode(currency))
      throw new RuleSettingsError(
        `tolerances.${currency}`,
        'must be a currency code like CNY, or "*" for the rest',
      );
  }
  const confidence = raw.autoApplyConfidence ?? DEFAULT_RULE_SETTINGS.autoApplyConfidence;
  if (typeof confidence !== 'number' || confidence < 0 || confidence > 1) {
    throw new RuleSettingsError('autoApplyConfidence', 'must be a number from 0 to 1');
  }
  return {
    rules: rules as RuleName[],
    tolerances: Object.fromEntries(
      Object.entries(tolerances).map(([currency, value]) => [
        currency,
        tolerance(`tolerances.${currency}`, value),
      ]),
    ),
    dateWindowDays: integer(raw, 'dateWindowDays', 0, 366),
    fuzzyMaxEdits: integer(raw, 'fuzzyMaxEdits', 0, 5),
    fuzzyMinLength: integer(raw, 'fuzzyMinLength', 1, 64),
    maxGroupSize: integer(raw, 'maxGroupSize', 2, 8),
    subsetPoolSize: integer(raw, 'subsetPoolSize', 2, 40),
    timingDays: integer(raw, 'timingDays', 0, 31),
    autoApplyConfidence: confidence,
  };
}

/** A currency's tolerance in units: `percent` is in units too (4 decimals), so 0.5 % is 5,000. */
function toleranceUnits(settings: RuleSettings, currency: string): { absolute: bigint; percent: bigint } {
  const tolerance = settings.tolerances[currency] ??
    settings.tolerances['*'] ?? { absolute: '0', percent: '0' };
  return { absolute: toUnits(tolerance.absolute), percent: toUnits(tolerance.percent) };
}

/** percent × amount: amount × percentUnits / (100 × 10,000), rounded down as the check rounds. */
const PERCENT_BASE = 1_000_000n;
const relative = (amount: bigint, percent: bigint) => (amount * percent) / PERCENT_BASE;

/** The residual a group may carry and still be matched: max(absolute, percent of the larger side). */
export function allowedResidual(
  settings: RuleSettings,
  currency: string,
  oursTotal: bigint,
  theirsTotal: bigint,
): bigint {
  const { absolute, percent } = toleranceUnits(settings, currency);
  const ours = absUnits(oursTotal);
  const theirs = absUnits(theirsTotal);
  const larger = ours > theirs ? ours : theirs;
  const share = relative(larger, percent);
  return absolute > share ? absolute : share;
}

/** Far beyond any total a pool can add up to: the upper end when the percent is 100 or more. */
const UNBOUNDED = 10n ** 40n;

/**
 * Every total S (a magnitude) that a group against `target` may add up to and still be within
 * tolerance, i.e. |S − T| ≤ allowedResidual(T, S), as one range. Below T the larger side is T; above
 * it the allowance grows with S itself, so the top is the largest S with S − percent(S) ≤ T (or
 * T + absolute, whichever is higher). Exact both ways: a subset search over this range finds
 * precisely the groups the tolerance check accepts.
 */
export function toleranceRange(
  settings: RuleSettings,
  currency: string,
  target: bigint,
): { low: bigint; high: bigint } {
  const t = target < 0n ? -target : target;
  const { absolute, percent } = toleranceUnits(settings, currency);
  const below = absolute > relative(t, percent) ? absolute : relative(t, percent);
  const low = t > below ? t - below : 0n;
  if (percent >= PERCENT_BASE) return { low, high: UNBOUNDED };
  // S − relative(S) never decreases as S grows (percent < 100 %): start at the real-valued answer
  // and step to the exact integer edge.
  const net = (s: bigint) => s - relative(s, percent);
  let top = (t * PERCENT_BASE) / (PERCENT_BASE - percent);
  while (net(top + 1n) <= t) top += 1n;
  while (top > t && net(top) > t) top -= 1n;
  const high = t + absolute > top ? t + absolute : top;
  return { low, high };
}
