import { actorOf } from '../../auth/policy';
import type { Actor } from '../../contract/actor';
import type { UserRole } from '../../contract/enums';

/** A staff user as the API would send them to a workflow (with what the policy grants their role). */
export const userActor = (userId: string, role: UserRole, name: string): Actor =>
  actorOf({ kind: 'user', userId, role, name });

/** A customer answering through their link. */
export const customerActor = (customerCode: string): Actor =>
  actorOf({ kind: 'customer', customerCode, periodId: '0', round: 1, confirmationId: '0' });
