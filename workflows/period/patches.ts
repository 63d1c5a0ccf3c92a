/**
 * Workflow code changes that running periods must not notice, by `patched()` id. A period started
 * before a change replays its recorded steps on the old path; new ones take the new path (see
 * test/replay: recorded histories of both must keep replaying). Once no period started before a
 * change is still running, its old path can go (deprecatePatch, then removal).
 */
export const PATCHES = {
  /**
   * 2026-12: extraction and (small-period) matching in one step, and the confirmed answer with the
   * close in one step: two local activities fewer per clean period.
   */
  FEWER_STEPS: 'fewer-steps-2026-12',
  /**
   * 2026-12: the workflow returns only once every Update handler has finished (they run
   * activities: an approval posting its adjustment while a close by exception ends the period).
   */
  HANDLERS_FINISH: 'handlers-finish-2026-12',
  /**
   * 2026-12: a rejected or withdrawn adjustment is marked in the state once its activity committed
   * (before: first, so the main loop could move on while the row was still being written).
   */
  ENDED_AFTER_COMMIT: 'ended-after-commit-2026-12',
  /**
   * 2026-12: an adjustment's approval, rejection and withdrawal run with the decisions' few quick
   * retries, as every other activity an Update waits for (before: the workflow's long retries).
   */
  DECISIONS_ANSWER_FAST: 'decisions-answer-fast-2026-12',
} as const;
