import type { DunningActivities } from '../../contract/collections/dunning';

export interface DunningCall {
  name: keyof DunningActivities;
  input: unknown;
}

/** What the stubs answer; a test changes it while the workflow runs (the customer pays…). */
export interface DunningScript {
  paid: boolean;
  /** What settlePromise says at the promised date. */
  promiseKept?: boolean;
  /** Levels the case already sent when it opens (a restarted cycle). */
  levelsSent?: number[];
  /**
   * A payment commits between the workflow's look and the letter: the letter activity, looking
   * again under the payments' lock, finds nothing overdue, sends nothing and says paid.
   */
  paymentRacesLetter?: boolean;
}

/** Stub dunning activities: answer from the script, record every call. No database. */
export function stubDunningActivities(script: DunningScript) {
  const calls: DunningCall[] = [];
  const record = (name: keyof DunningActivities, input: unknown) => calls.push({ name, input });
  const activities: DunningActivities = {
    async openDunningCase(input) {
      record('openDunningCase', input);
      return { caseId: 'case-1', levelsSent: script.levelsSent ?? [] };
    },
    async overdueOf(input) {
      record('overdueOf', input);
      return { overdue: script.paid ? '0' : '1200.5', paid: script.paid };
    },
    async sendDunningLetter(input) {
      record('sendDunningLetter', input);
      const messageId = `dunning-${input.customerId}-${input.cycle}-${input.level}`;
      if (script.paymentRacesLetter) {
        script.paid = true;
        return { sent: false, messageId, paid: true };
      }
      return { sent: true, messageId, paid: false };
    },
    async escalateDunning(input) {
      record('escalateDunning', input);
      return { taskId: 'task-1' };
    },
    async setDunningCaseStatus(input) {
      record('setDunningCaseStatus', input);
    },
    async recordPromise(input) {
      record('recordPromise', input);
      return { promiseId: 'promise-1' };
    },
    async settlePromise(input) {
      record('settlePromise', input);
      return { kept: script.promiseKept ?? false, paid: script.paid };
    },
    async recordDispute(input) {
      record('recordDispute', input);
      return { disputeId: 'dispute-1' };
    },
    async resolveDispute(input) {
      record('resolveDispute', input);
    },
    async startDunningBatch(input) {
      record('startDunningBatch', input);
      return { customers: 0, started: 0, lastCustomerId: null };
    },
    async refreshCollectionTasks(input) {
      record('refreshCollectionTasks', input);
      return { created: 0, updated: 0, cancelled: 0 };
    },
  };
  return {
    activities,
    calls,
    names: () => calls.map((call) => call.name),
    inputsOf: <K extends keyof DunningActivities>(name: K) =>
      calls
        .filter((call) => call.name === name)
        .map((call) => call.input as Parameters<DunningActivities[K]>[0]),
    /** The levels whose letter was sent, in order. */
    letters: () =>
      calls
        .filter((call) => call.name === 'sendDunningLetter')
        .map((call) => (call.input as { level: number }).level),
  };
}
