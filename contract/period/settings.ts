/**
 * A period's confirmation timings and approval thresholds. A customer stores only what it overrides
 * (`Customer.workflowSettings`, checked by customers/workflow-settings.ts); extraction fixes the
 * merged settings for the period. Durations are in seconds so tests can shrink them.
 */
export interface PeriodSettings {
  /** A reminder to the customer every this many seconds without an answer. */
  reminderAfterSeconds: number;
  /** A manager gets a task after this many seconds without an answer. */
  escalateAfterSeconds: number;
  /** Above this absolute amount an adjustment needs a manager. */
  managerApprovalThreshold: string;
  /** Above this absolute amount an adjustment needs two managers. */
  dualApprovalThreshold: string;
}

/** The settings of a customer that overrides nothing (and of a period until extraction reads its customer's). */
export const DEFAULT_PERIOD_SETTINGS: Readonly<PeriodSettings> = Object.freeze({
  reminderAfterSeconds: 7 * 24 * 3600,
  escalateAfterSeconds: 14 * 24 * 3600,
  managerApprovalThreshold: '10000',
  dualApprovalThreshold: '100000',
});

/** A customer's overrides over the defaults. */
export function periodSettings(overrides: Partial<PeriodSettings> | null | undefined): PeriodSettings {
  return { ...DEFAULT_PERIOD_SETTINGS, ...(overrides ?? {}) };
}
