import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import {
  DEFAULT_DUNNING_SETTINGS,
  type DunningInput,
  type DunningLevel,
  type DunningOutcome,
  type DunningWorkflow,
} from '../contract/collections/dunning';
import { DunningCaseStatus, DunningCloseReason } from '../contract/credit/enums';
import { dateOfDay, dayNumber } from '../formats/date';
import {
  dunningActivities as act,
  registerDunningHandlers,
  today,
  type DunningContext,
} from './dunning/handlers';

const DAY_MS = 86_400_000;
/** Looks after the last level before the history is handed to a fresh run (continue-as-new). */
const LOOKS_PER_RUN = 100;

/**
 * One customer's overdue items, from the first reminder until paid:
 *
 *   [wait for the level's day → still overdue? → 催款函 (+ manager's task)]* → look every N days
 *
 * Each level's letter goes out once per customer + cycle + level (the activity is keyed so, retries
 * included). A dispute pauses the case until resolved (upheld: the case closes); a promise to pay
 * holds the letters until the day after the promised date, and a broken promise sends the next
 * level at once. Nothing overdue at any look closes the case (PAID).
 */
export const dunningWorkflow: DunningWorkflow = async function dunningWorkflow(
  input: DunningInput,
): Promise<DunningOutcome> {
  const settings = { ...DEFAULT_DUNNING_SETTINGS, ...input.settings };
  const levels: DunningLevel[] = [...settings.levels].sort((a, b) => a.afterDays - b.afterDays);
  const ctx: DunningContext = {
    customerId: input.customerId,
    lookNow: false,
    upheld: false,
    state: {
      caseId: null,
      status: DunningCaseStatus.ACTIVE,
      cycle: input.cycle,
      version: 0,
      levelsSent: [],
      nextLevel: null,
      nextLevelOn: null,
      promise: null,
      promisesKept: 0,
      promisesBroken: 0,
      dispute: null,
      closeReason: null,
      overdue: null,
    },
  };
  const state = ctx.state;
  registerDunningHandlers(ctx);

  const opened = await act.openDunningCase({ customerId: input.customerId, cycle: input.cycle });
  state.caseId = opened.caseId;
  state.levelsSent = [...opened.levelsSent];
  const caseId = opened.caseId;

  const dayOf = (level: DunningLevel) => dateOfDay(dayNumber(input.cycle) + level.afterDays);
  const msUntilDay = (date: string) => Math.max(0, dayNumber(date) * DAY_MS - Date.now());
  const lastSent = () => Math.max(0, ...state.levelsSent);
  const moveTo = async (status: DunningCaseStatus, closeReason?: DunningCloseReason) => {
    if (state.status === status) return;
    state.status = status;
    state.version += 1;
    await act.setDunningCaseStatus({ caseId, status, closeReason, levelsSent: state.levelsSent });
  };
  /** Whether anything is still overdue today; remembers the amount for the query. */
  const stillOverdue = async () => {
    const { overdue, paid } = await act.overdueOf({ customerId: input.customerId, asOf: today() });
    state.overdue = overdue;
    return !paid;
  };
  /** Something the loop must react to before its timer: a dispute, a promise, an upheld claim, a payment. */
  const interrupted = () => state.dispute !== null || state.promise !== null || ctx.upheld || ctx.lookNow;
  /** Sends the level; false when a payment came first and nothing is overdue (the case closes PAID). */
  const send = async (level: DunningLevel): Promise<boolean> => {
    const letter = await act.sendDunningLetter({
      caseId,
      customerId: input.customerId,
      cycle: input.cycle,
      level: level.level,
      tone: level.tone,
      asOf: today(),
    });
    // The activity looks again under the lock payments take: a payment committed after the look
    // above and before the letter stops the letter there (never a level after a covering payment).
    if (letter.paid) return false;
    state.levelsSent = [...state.levelsSent, level.level];
    state.version += 1;
    if (level.escalate)
      await act.escalateDunning({
        caseId,
        customerId: input.customerId,
        level: level.level,
        key: `level-${level.level}`,
        reason: `final notice (level ${level.level}) sent`,
      });
    return true;
  };

  let closeReason: DunningCloseReason | null = null;
  /** A broken promise: the next level goes out now, whatever its day. */
  let forced = false;
  let looks = 0;
  while (closeReason === null) {
    if (ctx.upheld) {
      closeReason = DunningCloseReason.DISPUTED;
      break;
    }
    if (state.dispute) {
      await moveTo(DunningCaseStatus.PAUSED);
      await condition(() => state.dispute === null);
      continue;
    }
    if (state.promise) {
      await moveTo(DunningCaseStatus.PROMISED);
      const promise = state.promise;
      // Looked at on the day after the promised date: a payment on the day itself counts.
      const checkOn = dateOfDay(dayNumber(promise.promisedDate) + 1);
      if (await condition(() => state.dispute !== null || ctx.upheld, msUntilDay(checkOn))) continue;
      const { kept, paid } = await act.settlePromise({ promiseId: promise.promiseId, asOf: today() });
      state.promise = null;
      if (kept) state.promisesKept += 1;
      else state.promisesBroken += 1;
      state.version += 1;
      if (paid) closeReason = DunningCloseReason.PAID;
      else forced = !kept;
      continue;
    }
    await moveTo(DunningCaseStatus.ACTIVE);
    if (ctx.lookNow) {
      ctx.lookNow = false;
      if (!(await stillOverdue())) closeReason = DunningCloseReason.PAID;
      continue;
    }

    const pending = levels.filter((level) => level.level > lastSent());
    if (forced) {
      forced = false;
      if (!(await stillOverdue())) {
        closeReason = DunningCloseReason.PAID;
        continue;
      }
      if (pending.length) {
        if (!(await send(pending[0]))) closeReason = DunningCloseReason.PAID;
      } else
        await act.escalateDunning({
          caseId,
          customerId: input.customerId,
          level: lastSent(),
          key: `broken-${state.promisesBroken}`,
          reason: 'a promise to pay was broken after the last level',
        });
      continue;
    }
    if (!pending.length) {
      // Every level went out: look again every few days until paid.
      state.nextLevel = null;
      state.nextLevelOn = null;
      if (await condition(interrupted, settings.recheckDays * DAY_MS)) continue;
      if (!(await stillOverdue())) closeReason = DunningCloseReason.PAID;
      else if ((looks += 1) >= LOOKS_PER_RUN) return continueAsNew<DunningWorkflow>(input);
      continue;
    }
    // The highest level whose day has come (a case opened late, or resumed after a long pause,
    // sends one letter, not every one it missed); otherwise wait for the next one's day.
    const due = pending.filter((level) => dayOf(level) <= today());
    const next = due.length ? due[due.length - 1] : pending[0];
    state.nextLevel = next.level;
    state.nextLevelOn = dayOf(next);
    if (!due.length) {
      await condition(interrupted, msUntilDay(dayOf(next)));
      continue;
    }
    if (!(await stillOverdue()) || !(await send(next))) closeReason = DunningCloseReason.PAID;
  }

  if (state.promise) {
    state.promise = null;
  }
  state.closeReason = closeReason;
  state.nextLevel = null;
  state.nextLevelOn = null;
  await moveTo(DunningCaseStatus.CLOSED, closeReason);
  await condition(allHandlersFinished);
  return {
    closeReason,
    levelsSent: state.levelsSent,
    promisesKept: state.promisesKept,
    promisesBroken: state.promisesBroken,
  };
};
