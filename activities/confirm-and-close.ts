import type { ActivityDeps } from './activity-deps';
import { closePeriodIn } from './close-period';
import { recordCustomerAnswerIn } from './record-customer-answer';
import type { Actor } from '../contract/actor';

/**
 * The customer confirmed: their answer and the close in one transaction (one step of the
 * workflow instead of two). Idempotent as both halves are: a retry finds the round answered and
 * the period closed.
 */
export function createConfirmAndClose({ dataSource, now = () => new Date() }: ActivityDeps) {
  return async function confirmAndClose(request: {
    periodId: string;
    round: number;
    actor: Actor;
    comment?: string;
  }): Promise<void> {
    await dataSource.transaction(async (manager) => {
      const at = now();
      await recordCustomerAnswerIn(manager, { ...request, outcome: 'CONFIRMED' }, at);
      await closePeriodIn(manager, { periodId: request.periodId, actor: request.actor }, at);
    });
  };
}
