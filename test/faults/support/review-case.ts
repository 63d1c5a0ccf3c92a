import { UserRole } from '../../../contract/enums';
import { userActor } from '../../support/actors';
import type { Line } from '../../support/fixtures';

/** The fault tests' people: a clerk who proposes, a manager who approves (maker ≠ checker). */
export const CLERK = userActor('10', UserRole.CLERK, 'Clerk Li');
export const MANAGER = userActor('20', UserRole.MANAGER, 'Manager Wang');

/** An invoice on both sides, and a bank fee only the customer's statement has: one difference. */
export const INVOICE: Line = {
  id: 'inv',
  date: '2026-10-03',
  ref: 'INV-100',
  kind: 'INVOICE',
  amount: '1000.00',
};
export const FEE: Line = { id: 'fee', date: '2026-10-02', ref: 'BANKFEE-7', kind: 'OTHER', amount: '-15.00' };
