import { ActorType } from '../../contract/enums';
import type { Actor } from '../../contract/actor';

export function auditActor(actor: Actor): { actorType: ActorType; actorId: string } {
  const actorType =
    actor.role === 'CUSTOMER'
      ? ActorType.CUSTOMER
      : actor.role === 'SYSTEM'
        ? ActorType.SYSTEM
        : ActorType.USER;
  return { actorType, actorId: actor.id };
}
