import { ActorType } from '../contract/enums';
import type { Principal } from './principal';

export interface AuditActor {
  type: ActorType;
  /** Same ids as the workflow's actors ("user:7", "api-key:3"), so the audit trail reads as one. */
  id: string;
}

export function auditActor(principal: Principal): AuditActor {
  switch (principal.kind) {
    case 'user':
      return { type: ActorType.USER, id: `user:${principal.userId}` };
    case 'apiKey':
      return { type: ActorType.API_KEY, id: `api-key:${principal.apiKeyId}` };
    case 'customer':
      return { type: ActorType.CUSTOMER, id: `customer:${principal.customerCode}` };
  }
}
