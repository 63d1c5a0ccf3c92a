import { ActorType } from './enums';
import type { Permission } from './permission';

/**
 * Who acted: a staff user, an integrator's API key, a customer through their link, or Recon itself.
 * The API makes one from the caller (`actorOf` in auth/principal.ts); workflow messages carry it;
 * every audit row records it (`auditFields`).
 */
export interface Actor {
  /** Stable, compared for maker ≠ checker: "user:<id>", "api-key:<id>", "customer:<code>", or a system actor's name. */
  id: string;
  type: ActorType;
  name?: string;
  /**
   * What auth/policy.ts granted the caller, for the one decision that depends on the period's own
   * state: approving an adjustment that needs a manager (Permission.APPROVE_ADJUSTMENT).
   */
  grants?: readonly Permission[];
}

const system = (id: string, name: string): Actor => Object.freeze({ id, type: ActorType.SYSTEM, name });

/** Recon acting on its own, each under the name its audit rows have always carried. */
export const SYSTEM_ACTORS = Object.freeze({
  /** The period workflow's own steps (extraction, matching, reminders, posting). */
  workflow: system('recon-workflow', 'Recon workflow'),
  /** The monthly schedule's fan-out opening periods. */
  scheduler: system('schedule', 'Monthly schedule'),
  /** Files and batches loaded without a person behind them (the command line). */
  import: system('import', 'Import'),
  /** Recon started by hand (command line, demo, benchmarks) without a person behind it. */
  operator: system('system', 'Operator'),
  /** The scheduled backup (its failures raise admin tasks). */
  backup: system('backup', 'Scheduled backup'),
  /** The demo's data loader. */
  demo: system('demo-loader', 'Demo loader'),
  /** Credit checks noting a limit crossed, and the nightly credit scoring. */
  creditCheck: system('credit', 'Credit management'),
  /** The dunning workflows and their daily schedule (letters, escalations, promises settled). */
  dunning: system('dunning', 'Dunning'),
});

/** The two columns of an audit row that say who acted. */
export function auditFields(actor: Actor): { actorType: ActorType; actorId: string } {
  return { actorType: actorTypeOf(actor), actorId: actor.id };
}

/**
 * The actor's type. Actors recorded in workflow histories before `type` existed carried a `role`
 * instead ("CUSTOMER", "SYSTEM" or a user's role) and an id that says the same.
 */
export function actorTypeOf(actor: Actor): ActorType {
  if (actor.type) return actor.type;
  const legacy = actor as { id: string; role?: string };
  if (legacy.role === 'CUSTOMER' || legacy.id.startsWith('customer:')) return ActorType.CUSTOMER;
  if (legacy.id.startsWith('api-key:')) return ActorType.API_KEY;
  if (legacy.id.startsWith('user:')) return ActorType.USER;
  return ActorType.SYSTEM;
}

/** Whether policy granted the actor `permission` (carried in the workflow message; see `grants`). */
export const isGranted = (actor: Actor, permission: Permission): boolean =>
  actor.grants?.includes(permission) ?? false;
