import { DomainError } from '../common/domain-error';
import type { UserRole } from '../contract/enums';

/** Who is calling. Resolved once per request; every permission check reads only this. */
export type Principal =
  | { kind: 'user'; userId: string; role: UserRole; name: string }
  | { kind: 'apiKey'; apiKeyId: string; scopes: string[]; name: string }
  | { kind: 'customer'; customerCode: string; periodId: string; round: number };

export enum AuthErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
}

export class AuthError extends DomainError<AuthErrorCode> {}
