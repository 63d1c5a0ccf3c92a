import type { ActorType } from '../contract/enums';

/** Who acts on credit and collections, as the audit log records them ("user:7", "api-key:3", "system"). */
export interface CreditActor {
  type: ActorType;
  id: string;
}
