import { DEFAULT_PERIOD_SETTINGS, periodSettings, type PeriodSettings } from '../contract/period';
import { AmountError, money } from '../money/decimal';
import { CustomerError, CustomerErrorCode } from './customer-error';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (field: string, reason: string) =>
  new CustomerError(CustomerErrorCode.INVALID_SETTINGS, `workflowSettings.${field} ${reason}`, [
    { index: -1, field: `workflowSettings.${field}`, reason },
  ]);

function seconds(raw: Record<string, unknown>, field: keyof PeriodSettings): void {
  const value = raw[field];
  if (value === undefined) return;
  // From one minute (tests shrink timers through the API too) to one year.
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 60 || value > 366 * 24 * 3600)
    throw invalid(field, 'must be a whole number of seconds from 60 to 31622400');
}

function threshold(raw: Record<string, unknown>, field: keyof PeriodSettings): string | undefined {
  const value = raw[field];
  if (value === undefined) return undefined;
  try {
    if (typeof value !== 'string' || money(value).isNegative()) throw new AmountError(value);
  } catch {
    throw invalid(field, 'must be a non-negative decimal string, e.g. "10000"');
  }
  return value;
}

/**
 * Checks a (partial) override of the confirmation and approval settings; the stored value stays
 * partial so that defaults not overridden follow the code.
 */
export function validateWorkflowSettings(raw: unknown): Partial<PeriodSettings> | null {
  if (raw === null || raw === undefined) return null;
  if (!isObject(raw)) throw invalid('(root)', 'must be an object');
  const known = Object.keys(DEFAULT_PERIOD_SETTINGS);
  const unknown = Object.keys(raw).find((key) => !known.includes(key));
  if (unknown) throw invalid(unknown, `is not a setting (known: ${known.join(', ')})`);
  seconds(raw, 'reminderAfterSeconds');
  seconds(raw, 'escalateAfterSeconds');
  const merged = periodSettings(raw as Partial<PeriodSettings>);
  if (merged.escalateAfterSeconds <= merged.reminderAfterSeconds)
    throw invalid('escalateAfterSeconds', 'must be later than reminderAfterSeconds');
  threshold(raw, 'managerApprovalThreshold');
  threshold(raw, 'dualApprovalThreshold');
  if (money(merged.dualApprovalThreshold).lt(money(merged.managerApprovalThreshold)))
    throw invalid('dualApprovalThreshold', 'must not be below managerApprovalThreshold');
  return raw as Partial<PeriodSettings>;
}
