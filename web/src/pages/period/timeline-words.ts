import type { MessageKey } from '../../i18n/catalog';

/** Each audit action of a period's timeline (Period.timeline), in plain words. */
export const STEP_WORDS: Readonly<Record<string, MessageKey>> = {
  'period.opened': 'period.stepOpened',
  'period.extracted': 'period.stepExtracted',
  'period.matched': 'period.stepMatched',
  'period.review_opened': 'period.stepReviewOpened',
  'period.rematch_requested': 'period.stepRematchRequested',
  'match.manual': 'period.stepMatchManual',
  'match.unmatched': 'period.stepUnmatched',
  'match.suggestion_accepted': 'period.stepSuggestionAccepted',
  'match.suggestion_rejected': 'period.stepSuggestionRejected',
  'difference.marked_timing': 'period.stepMarkedTiming',
  'difference.customer_asked': 'period.stepCustomerAsked',
  'statement.sent': 'period.stepStatementSent',
  'statement.reminder_sent': 'period.stepReminderSent',
  'statement.escalated': 'period.stepEscalated',
  'statement.received': 'period.stepStatementReceived',
  'statement.imported': 'period.stepStatementImported',
  'statement.replaced': 'period.stepStatementReplaced',
  'statement.confirmed': 'period.stepConfirmed',
  'statement.disputed': 'period.stepDisputed',
  'adjustment.proposed': 'period.stepAdjustmentProposed',
  'adjustment.approved': 'period.stepAdjustmentApproved',
  'adjustment.rejected': 'period.stepAdjustmentRejected',
  'adjustment.withdrawn': 'period.stepAdjustmentWithdrawn',
  'adjustment.posted': 'period.stepAdjustmentPosted',
  'period.closed': 'period.stepClosed',
  'period.closed_by_exception': 'period.stepClosedByException',
};

/** Who took the step, as a reader says it: a person's name, or what they are. */
export const ACTOR_WORDS: Readonly<Record<string, MessageKey>> = {
  CUSTOMER: 'period.actorCustomer',
  SYSTEM: 'period.actorSystem',
};
