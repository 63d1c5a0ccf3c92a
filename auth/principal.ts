import { DomainError } from '../common/domain-error';
import type { UserRole } from '../contract/enums';

/** Who is calling. Resolved once per request; every permission check reads only this. */
export type Principal =
  | { kind: 'user'; userId: string; role: UserRole; name: string; secondFactor?: SecondFactorState }
  | { kind: 'apiKey'; apiKeyId: string; scopes: string[]; name: string }
  /** A confirmation link: one period's one round (`confirmationId` is that round's row). */
  | { kind: 'customer'; customerCode: string; periodId: string; round: number; confirmationId: string };

/** What a staff credential (session or token) proved beyond the password. */
export interface SecondFactorState {
  /** The user has two-factor sign-in on. */
  enrolled: boolean;
  /** When this credential last proved the second factor (ms since the epoch), or null. */
  verifiedAt: number | null;
  /** A session that may only enrol: the user's role requires two-factor sign-in and they have none. */
  enrolmentOnly: boolean;
}

export enum AuthErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** The user's role requires two-factor sign-in: enrol first (the session may do nothing else). */
  TWO_FACTOR_ENROLMENT_REQUIRED = 'TWO_FACTOR_ENROLMENT_REQUIRED',
  /** A sensitive action needs the second factor proved within the last few minutes (`stepUp`). */
  STEP_UP_REQUIRED = 'STEP_UP_REQUIRED',
}

export class AuthError extends DomainError<AuthErrorCode> {}
