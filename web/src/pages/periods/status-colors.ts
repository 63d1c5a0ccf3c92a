import type { Tone } from '../../components/StatusTag';
import type { PeriodStatus } from '../../services/periods';

/** A period status's tag tone, the same on the list and on the period. */
export const STATUS_TONES: Record<PeriodStatus, Tone> = {
  OPEN: 'neutral',
  EXTRACTING: 'progress',
  MATCHING: 'progress',
  IN_REVIEW: 'warning',
  AWAITING_CUSTOMER: 'info',
  AWAITING_APPROVAL: 'special',
  CLOSED: 'success',
  FAILED: 'error',
};
