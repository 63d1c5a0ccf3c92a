import type { MessageKey, MessageValues } from '../i18n/catalog';
import type { TaskTitleKind } from '../graphql/schema-types.generated';
import { formatAmount } from '../format/amount';

type Translate = (key: MessageKey, values?: MessageValues) => string;

/** What a task row carries of its title: the English text, and the same as data when the API has it. */
export interface TitledTask {
  title: string;
  titleKind?: TaskTitleKind | null;
  titleParams?: unknown;
}

/** Each kind's parameters, all present as text or number, else the English title is shown. */
const PARAMS: Record<TaskTitleKind, readonly string[]> = {
  DIFFERENCE: ['differenceKind', 'amount', 'explanation'],
  SUGGESTION: ['rule', 'confidence', 'evidence'],
  DISPUTE: ['comment'],
  ESCALATION: ['round', 'balance'],
  APPROVE_ADJUSTMENT: ['amount', 'approvals', 'reason'],
  ADJUSTMENT_REJECTED: ['amount', 'comment'],
  COLLECTION: ['customer', 'overdue', 'currency', 'days', 'level'],
  DUNNING_ESCALATION: ['customer', 'overdue', 'currency', 'level', 'why'],
};

/** Parameters that are money, as exact decimals ("56980"): shown as every amount is ("56,980.00"). */
const MONEY = new Set(['amount', 'overdue', 'balance']);

/** Why a dunning case was escalated, as the server says it. */
const ESCALATION_REASONS = new Set(['FINAL_NOTICE', 'PROMISE_BROKEN']);

const DIFFERENCE_KINDS = new Set([
  'MISSING_IN_OURS',
  'MISSING_IN_THEIRS',
  'AMOUNT_MISMATCH',
  'TIMING',
  'DUPLICATE',
  'TOLERANCE',
  'UNEXPLAINED',
]);

/**
 * A task's title in the reader's language, worded from its kind and parameters; a task written
 * before the API kept them (or raised by hand, or of a kind this build does not know) shows its
 * stored title as it is. Pure: `t` is the page's translate function.
 */
export function taskTitleText(task: TitledTask, t: Translate): string {
  const kind = task.titleKind;
  const params = task.titleParams;
  if (!kind || !(kind in PARAMS) || typeof params !== 'object' || params === null) return task.title;
  const values: Record<string, string | number> = {};
  for (const name of PARAMS[kind]) {
    const value = (params as Record<string, unknown>)[name];
    if (typeof value !== 'string' && typeof value !== 'number') return task.title;
    values[name] = MONEY.has(name) && typeof value === 'string' ? formatAmount(value) : value;
  }
  if (kind === 'DIFFERENCE' && DIFFERENCE_KINDS.has(String(values.differenceKind)))
    values.differenceKind = t(`period.kind${values.differenceKind}` as MessageKey);
  if (kind === 'DUNNING_ESCALATION') {
    if (!ESCALATION_REASONS.has(String(values.why))) return task.title;
    values.why = t(`work.escalationWhy${values.why}` as MessageKey);
  }
  return t(`work.title${kind}`, values);
}
