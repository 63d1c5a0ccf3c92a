import { condition, workflowInfo } from '@temporalio/workflow';
import { ConfirmationState } from '../../contract/period';
import { activities, bump, type PeriodContext } from './context';

/** At most this many reminders per round; after that the period simply waits (and a manager has a task). */
export const MAX_REMINDERS = 12;

/**
 * Waits for the customer's answer with durable timers: a reminder every `reminderAfterSeconds`,
 * and one escalation to a manager after `escalateAfterSeconds`. Timers live in Temporal, so they
 * survive restarts of every process.
 */
export async function awaitCustomerAnswer(ctx: PeriodContext): Promise<void> {
  const round = ctx.state.confirmationRound;
  const sentAt = Date.now();
  const reminderMs = ctx.settings.reminderAfterSeconds * 1000;
  const escalateMs = ctx.settings.escalateAfterSeconds * 1000;
  let reminders = 0;
  const answered = () => ctx.pending !== undefined;

  while (!answered()) {
    const elapsed = Date.now() - sentAt;
    const nextReminder = reminders < MAX_REMINDERS ? (reminders + 1) * reminderMs : Infinity;
    const escalation = ctx.state.escalated ? Infinity : escalateMs;
    const wakeAt = Math.min(nextReminder, escalation);
    if (wakeAt === Infinity) {
      await condition(answered);
      break;
    }
    if (await condition(answered, Math.max(wakeAt - elapsed, 1))) break;

    const now = Date.now() - sentAt;
    if (!ctx.state.escalated && now >= escalateMs) {
      await activities.escalateConfirmation({
        periodId: ctx.input.periodId,
        workflowId: workflowInfo().workflowId,
        round,
      });
      ctx.state.escalated = true;
      ctx.state.confirmation = ConfirmationState.TIMED_OUT;
      bump(ctx);
    }
    if (now >= nextReminder) {
      reminders += 1;
      await activities.sendReminder({ periodId: ctx.input.periodId, round, reminder: reminders });
      ctx.state.remindersSent = reminders;
      bump(ctx);
    }
  }
}
