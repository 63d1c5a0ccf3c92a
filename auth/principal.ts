import { DomainError } from '../common/domain-error';
import type { UserRole } from '../contract/enums';

/** Who is calling. Resolved once per request; every permission check reads only this. */
export type Principal =
  | { kind: 'user'; userId: string; role: UserRole; name: string }
  | { kind: 'apiKey'; apiKeyId: string; scopes: string[]; name: string }
  /** A confirmation link: one period's one round (`confirmationId` is that round's row). */
  | { kind: 'customer'; customerCode: string; periodId: string; round: number; confirmationId: string };

export enum AuthErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
}

export class AuthError extends DomainError<AuthErrorCode> {}
