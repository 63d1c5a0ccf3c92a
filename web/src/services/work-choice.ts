import type { TaskFilter, TaskKind, TaskScope } from '../graphql/schema-types.generated';

export type { TaskKind, TaskScope };

/** Every kind of task, in the order the page lists them. */
export const TASK_KINDS: readonly TaskKind[] = [
  'REVIEW_DIFFERENCE',
  'REVIEW_SUGGESTION',
  'CUSTOMER_DISPUTE',
  'REVIEW_CUSTOMER_FILE',
  'APPROVE_ADJUSTMENT',
  'ESCALATION',
  'COLLECTION',
  'DUNNING_ESCALATION',
];

/** The tasks of a page of My work. */
export const WORK_PAGE_SIZE = 50;

/** The people who work task queues (auth/policy.ts ROLE_QUEUES): My work's roles; an auditor has none. */
export const QUEUE_ROLES = ['CLERK', 'MANAGER', 'ADMIN'] as const;

export const TASK_SCOPES: readonly TaskScope[] = ['ALL', 'MINE', 'UNCLAIMED'];

/** The due-time choices of the page's filter. */
export type DueChoice = 'OVERDUE' | 'NEXT_24_HOURS' | 'NEXT_7_DAYS' | 'NOT_DUE';
export const DUE_CHOICES: readonly DueChoice[] = ['OVERDUE', 'NEXT_24_HOURS', 'NEXT_7_DAYS', 'NOT_DUE'];

const HOUR_MS = 3_600_000;

/** What the clerk chose on the page. */
export interface WorkChoice {
  customerCode?: string;
  kind?: TaskKind;
  due?: DueChoice;
  scope?: TaskScope;
  search?: string;
}

/** Whether the clerk narrowed the list (an empty list then says to widen it, not that the queue is empty). */
export const isFilteredChoice = (choice: WorkChoice): boolean =>
  Boolean(
    choice.customerCode?.trim() ||
    choice.kind ||
    choice.due ||
    (choice.scope && choice.scope !== 'ALL') ||
    choice.search?.trim(),
  );

/** The API's filter for the page's choice, due times counted from `now`. */
export function workFilterOf(choice: WorkChoice, now = Date.now()): TaskFilter {
  const filter: TaskFilter = {};
  const customerCode = choice.customerCode?.trim();
  if (customerCode) filter.customerCode = customerCode;
  if (choice.kind) filter.kind = choice.kind;
  if (choice.scope && choice.scope !== 'ALL') filter.scope = choice.scope;
  const search = choice.search?.trim();
  if (search) filter.search = search;
  switch (choice.due) {
    case 'OVERDUE':
      filter.overdue = true;
      break;
    case 'NOT_DUE':
      filter.overdue = false;
      break;
    case 'NEXT_24_HOURS':
      filter.dueBefore = new Date(now + 24 * HOUR_MS).toISOString();
      break;
    case 'NEXT_7_DAYS':
      filter.dueBefore = new Date(now + 7 * 24 * HOUR_MS).toISOString();
      break;
  }
  return filter;
}

/** The choice's names in the page's address (/work?customer=…&kind=…&due=…&scope=…&q=…). */
const PARAM = { customerCode: 'customer', kind: 'kind', due: 'due', scope: 'scope', search: 'q' } as const;

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  allowed.find((candidate) => candidate === value);

/**
 * The choice a page address holds: shared links and back/forward keep the filters. A value the page
 * does not offer (a kind that does not exist) is left out, so the list shows what the filters show.
 */
export function workChoiceOf(params: URLSearchParams): WorkChoice {
  const choice: WorkChoice = {};
  const customerCode = params.get(PARAM.customerCode)?.trim();
  if (customerCode) choice.customerCode = customerCode;
  const kind = oneOf(TASK_KINDS, params.get(PARAM.kind));
  if (kind) choice.kind = kind;
  const due = oneOf(DUE_CHOICES, params.get(PARAM.due));
  if (due) choice.due = due;
  const scope = oneOf(TASK_SCOPES, params.get(PARAM.scope));
  if (scope && scope !== 'ALL') choice.scope = scope;
  const search = params.get(PARAM.search)?.trim();
  if (search) choice.search = search;
  return choice;
}

/** The address of a choice: only what is chosen, in a fixed order. */
export function workChoiceParams(choice: WorkChoice): URLSearchParams {
  const params = new URLSearchParams();
  if (choice.customerCode?.trim()) params.set(PARAM.customerCode, choice.customerCode.trim());
  if (choice.kind) params.set(PARAM.kind, choice.kind);
  if (choice.due) params.set(PARAM.due, choice.due);
  if (choice.scope && choice.scope !== 'ALL') params.set(PARAM.scope, choice.scope);
  if (choice.search?.trim()) params.set(PARAM.search, choice.search.trim());
  return params;
}
