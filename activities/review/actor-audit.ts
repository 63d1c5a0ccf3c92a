import { ActorType } from '../../entities/enums';
import type { Actor } from '../../workflows/period.messages';

export function auditActor(actor: Actor): { actorType: ActorType; actorId: string } {
  const actorType =
    actor.role === 'CUSTOMER'
      ? ActorType.CUSTOMER
      : actor.role === 'SYSTEM'
        ? ActorType.SYSTEM
        : ActorType.USER;
  return { actorType, actorId: actor.id };
}
