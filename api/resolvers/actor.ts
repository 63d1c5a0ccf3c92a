import type { Principal } from '../../auth/principal';
import type { Actor } from '../../contract/actor';

/** The workflow's view of who is acting: ids are stable strings so maker ≠ checker compares them. */
export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'user':
      return { id: `user:${principal.userId}`, role: principal.role, name: principal.name };
    case 'apiKey':
      return { id: `api-key:${principal.apiKeyId}`, role: 'SYSTEM', name: principal.name };
    case 'customer':
      return { id: `customer:${principal.customerCode}`, role: 'CUSTOMER', name: principal.customerCode };
  }
}
