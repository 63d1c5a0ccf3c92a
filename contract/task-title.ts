/**
 * What a task's title says, as data (its kind and parameters), so that each reader words it in
 * their own language: the web app in zh or en. The `title` column keeps an English text made from
 * the same data for integrators, search and tasks written before (whose kind is null).
 */
export enum TaskTitleKind {
  DIFFERENCE = 'DIFFERENCE',
  SUGGESTION = 'SUGGESTION',
  DISPUTE = 'DISPUTE',
  ESCALATION = 'ESCALATION',
  APPROVE_ADJUSTMENT = 'APPROVE_ADJUSTMENT',
  ADJUSTMENT_REJECTED = 'ADJUSTMENT_REJECTED',
  COLLECTION = 'COLLECTION',
  DUNNING_ESCALATION = 'DUNNING_ESCALATION',
}

/** The parameters of each kind; amounts are exact decimal text, free text as the person wrote it. */
export type TaskTitle =
  | {
      kind: TaskTitleKind.DIFFERENCE;
      params: { differenceKind: string; amount: string; explanation: string };
    }
  | { kind: TaskTitleKind.SUGGESTION; params: { rule: string; confidence: string; evidence: string } }
  | { kind: TaskTitleKind.DISPUTE; params: { comment: string } }
  | { kind: TaskTitleKind.ESCALATION; params: { round: number; balance: string } }
  | { kind: TaskTitleKind.APPROVE_ADJUSTMENT; params: { amount: string; approvals: number; reason: string } }
  | { kind: TaskTitleKind.ADJUSTMENT_REJECTED; params: { amount: string; comment: string } }
  | {
      kind: TaskTitleKind.COLLECTION;
      params: { customer: string; overdue: string; currency: string; days: number; level: number };
    }
  | {
      kind: TaskTitleKind.DUNNING_ESCALATION;
      /** why: FINAL_NOTICE (the last level went out) or PROMISE_BROKEN (after the last level). */
      params: { customer: string; overdue: string; currency: string; level: number; why: string };
    };

/** The longest title the tasks table holds. */
export const TASK_TITLE_LENGTH = 300;

/** The English title of the data (what the `title` column holds), cut to the column's length. */
export function englishTaskTitle(title: TaskTitle): string {
  const text = (() => {
    switch (title.kind) {
      case TaskTitleKind.DIFFERENCE: {
        const p = title.params;
        return `${p.differenceKind} ${p.amount}: ${p.explanation}`;
      }
      case TaskTitleKind.SUGGESTION: {
        const p = title.params;
        return `Suggested match (${p.rule}, confidence ${p.confidence}): ${p.evidence}`;
      }
      case TaskTitleKind.DISPUTE:
        return `Customer disputes a line: ${title.params.comment}`;
      case TaskTitleKind.ESCALATION: {
        const p = title.params;
        return `Customer has not answered statement round ${p.round} (balance ${p.balance})`;
      }
      case TaskTitleKind.APPROVE_ADJUSTMENT: {
        const p = title.params;
        return `Approve adjustment ${p.amount} (${p.approvals} approval(s)): ${p.reason}`;
      }
      case TaskTitleKind.ADJUSTMENT_REJECTED:
        return `Adjustment ${title.params.amount} rejected: ${title.params.comment}`;
      case TaskTitleKind.COLLECTION: {
        const p = title.params;
        return `Collect from ${p.customer}: ${p.currency} ${p.overdue} overdue ${p.days} days (letter level ${p.level} sent)`;
      }
      case TaskTitleKind.DUNNING_ESCALATION: {
        const p = title.params;
        const why = p.why === 'PROMISE_BROKEN' ? 'a promise to pay was broken' : 'final notice sent';
        return `Dunning escalated for ${p.customer} (${p.currency} ${p.overdue} overdue, level ${p.level}): ${why}`;
      }
    }
  })();
  return text.slice(0, TASK_TITLE_LENGTH);
}

/** The three columns a new task stores for its title. */
export const taskTitleColumns = (title: TaskTitle) => ({
  title: englishTaskTitle(title),
  titleKind: title.kind,
  titleParams: title.params as Record<string, string | number>,
});
