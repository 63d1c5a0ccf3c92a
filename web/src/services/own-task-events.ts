import type { LiveEventSeen } from './live-event';

/** The task events a user's own action causes. */
export type OwnTaskAction = 'task.claimed' | 'task.released' | 'task.completed';

/** How long an expected event of the user's own action is waited for (the live tail lags ~0.25 s). */
const EXPECTED_FOR_MS = 30_000;

/**
 * The task events a page's own claim, release or completion will cause, so that the live event that follows
 * does not read the list a second time: the page read it itself after the action. A burst with
 * anything else (a colleague's claim, a new task) still reads again. Pure: no I/O.
 */
export class OwnTaskEvents {
  private readonly expected = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The user's own action on this task was done (its answer arrived): its event is ours. */
  expect(action: OwnTaskAction, taskId: string): void {
    this.expected.set(`${action} ${taskId}`, this.now() + EXPECTED_FOR_MS);
  }

  /** A burst arrived (undefined: changes without ids); true when something in it is not ours. */
  othersIn(events: readonly LiveEventSeen[] | undefined): boolean {
    const now = this.now();
    for (const [key, until] of this.expected) if (until < now) this.expected.delete(key);
    if (!events) return true;
    let others = false;
    for (const event of events) {
      const key = `${event.action} ${event.taskId ?? ''}`;
      if (this.expected.delete(key)) continue;
      others = true;
    }
    return others;
  }
}
