import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { DisputeOutcome } from '../../../contract/collections/dunning';
import { DunningControl, dunningCasesOf, paymentBehaviourOf } from '../../../collections/dunning.service';
import { DunningStarter } from '../../../collections/dunning-starter';
import { collectionKpiReport } from '../../../collections/kpis';
import { collectorWorklist } from '../../../collections/worklist';
import { isoDateOf } from '../../../formats/date';
import type { PeriodService } from '../../../periods/period.service';
import type { ApiContext } from '../../context';
import type { MutationResolvers, QueryResolvers } from '../resolvers-types.generated';

/** Today's date (UTC): "now" when a query names no date. */
const today = () => isoDateOf(new Date());

/** One per API process (per period service): the dunning workflows on the API's Temporal client. */
const controls = new WeakMap<PeriodService, DunningControl>();
function dunningOf(ctx: ApiContext): DunningControl {
  let control = controls.get(ctx.periods);
  if (!control) {
    control = new DunningControl(
      ctx.dataSource,
      new DunningStarter(ctx.periods.client, ctx.periods.taskQueue),
    );
    controls.set(ctx.periods, control);
  }
  return control;
}

export const collectionsQueryResolvers: Pick<
  QueryResolvers,
  'dunningCases' | 'collectorWorklist' | 'collectionKpis' | 'paymentBehaviour'
> = {
  dunningCases: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const { customer, cases } = await dunningCasesOf(ctx.dataSource, args.customerCode);
    return {
      customerCode: customer.code,
      live: await dunningOf(ctx).state(customer.code),
      cases: cases.map(({ dunningCase, letters, promises, disputes }) => ({
        ...dunningCase,
        customerCode: customer.code,
        letters,
        promises,
        disputes,
      })),
    };
  },
  collectorWorklist: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    return collectorWorklist(ctx.dataSource, {
      asOf: args.asOf ?? today(),
      first: args.first ?? 100,
      escalatedOnly: args.escalatedOnly ?? false,
    });
  },
  collectionKpis: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ_REPORTS);
    return collectionKpiReport(ctx.dataSource, {
      from: args.from,
      to: args.to,
      currency: args.currency ?? 'CNY',
    });
  },
  paymentBehaviour: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const view = await paymentBehaviourOf(ctx.dataSource, args.customerCode, args.asOf ?? today());
    return { ...view, customerCode: view.customer.code };
  },
};

export const collectionsMutationResolvers: Pick<
  MutationResolvers,
  'recordPromiseToPay' | 'pauseDunning' | 'resumeDunning'
> = {
  recordPromiseToPay: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.COLLECT);
    return dunningOf(ctx).promiseToPay(args.customerCode, {
      actor: actorOf(principal),
      promisedDate: args.promisedDate,
      ...(args.amount ? { amount: args.amount } : {}),
      ...(args.note ? { note: args.note } : {}),
    });
  },
  pauseDunning: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.COLLECT);
    return dunningOf(ctx).pause(args.customerCode, {
      actor: actorOf(principal),
      reason: args.reason,
      ...(args.amount ? { amount: args.amount } : {}),
    });
  },
  resumeDunning: async (_, args, ctx) => {
    // Upholding the customer's claim ends the dunning for the cycle: a manager's decision.
    const principal = requirePermission(
      ctx.principal,
      args.outcome === DisputeOutcome.UPHELD ? Permission.MANAGE_CREDIT : Permission.COLLECT,
    );
    return dunningOf(ctx).resume(args.customerCode, {
      actor: actorOf(principal),
      outcome: args.outcome,
      note: args.note,
    });
  },
};
