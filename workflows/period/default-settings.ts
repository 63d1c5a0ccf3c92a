import type { PeriodSettings } from '../period.messages';

/** Used only until extraction reads the customer's own settings. */
export const DEFAULT_SETTINGS: PeriodSettings = {
  reminderAfterSeconds: 7 * 24 * 3600,
  escalateAfterSeconds: 14 * 24 * 3600,
  managerApprovalThreshold: '10000',
  dualApprovalThreshold: '100000',
};
