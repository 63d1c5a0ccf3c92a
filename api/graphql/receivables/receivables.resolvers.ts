import { actorOf, Permission, requirePermission } from '../../../auth/policy';
import { AgingBasis } from '../../../contract/credit/enums';
import {
  applyByHand,
  openItemsOf,
  receivablesAging,
  reverseApplication,
} from '../../../credit/open-items.service';
import { describeTerms, type TermsRule } from '../../../credit/terms';
import {
  assignPaymentTerms,
  customerTerms,
  listPaymentTerms,
  ruleOf,
  savePaymentTerms,
} from '../../../credit/terms.service';
import type { PaymentTerms } from '../../../entities/payment-terms.entity';
import { isoDateOf } from '../../../formats/date';
import type { ApiContext } from '../../context';
import type { CustomerResolvers, MutationResolvers, QueryResolvers } from '../resolvers-types.generated';

/** Today's date (UTC): what "now" means for due dates and aging when a query names no date. */
export const today = () => isoDateOf(new Date());

const termsFields = (rule: TermsRule) => {
  const description = describeTerms(rule);
  return {
    kind: rule.kind,
    days: rule.days,
    instalments: rule.instalments,
    descriptionZh: description.zh,
    descriptionEn: description.en,
  };
};

const paymentTermsView = (terms: PaymentTerms) => ({
  code: terms.code,
  name: terms.name,
  ...termsFields(ruleOf(terms)),
});

async function termsOfCustomer(ctx: ApiContext, customerId: string) {
  const { current } = await customerTerms(ctx.dataSource, customerId, today());
  return {
    code: current.code,
    name: current.name,
    effectiveFrom: current.effectiveFrom,
    ...termsFields(current.rule),
  };
}

export const receivablesQueryResolvers: QueryResolvers = {
  paymentTerms: async (_, __, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    return (await listPaymentTerms(ctx.dataSource)).map(paymentTermsView);
  },
  openItems: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const view = await openItemsOf(
      ctx.dataSource,
      args.customerCode,
      args.asOf ?? today(),
      args.includeSettled ?? false,
      args.settledFirst ?? undefined,
    );
    return { ...view, customerCode: view.customer.code };
  },
  receivablesAging: async (_, args, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    const aging = await receivablesAging(ctx.dataSource, {
      asOf: args.asOf ?? today(),
      currency: args.currency ?? 'CNY',
      basis: args.basis ?? AgingBasis.DUE_DATE,
      edges: args.buckets ?? undefined,
      customerCode: args.customerCode ?? undefined,
    });
    return {
      ...aging,
      buckets: aging.buckets.map((b) => ({ ...b, labelZh: b.label.zh, labelEn: b.label.en })),
      rows: aging.rows.map((row) => ({
        ...row,
        customerCode: row.customer.code,
        customerName: row.customer.name,
        amounts: row.buckets,
      })),
    };
  },
};

export const receivablesMutationResolvers: MutationResolvers = {
  savePaymentTerms: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.MANAGE_CREDIT);
    return paymentTermsView(await savePaymentTerms(ctx.dataSource, args.input, actorOf(principal)));
  },
  assignPaymentTerms: async (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.MANAGE_CREDIT);
    const saved = await assignPaymentTerms(ctx.dataSource, args, actorOf(principal));
    const { history } = await customerTerms(ctx.dataSource, saved.customerId, args.effectiveFrom);
    const assigned = history.find((h) => h.effectiveFrom === args.effectiveFrom)!;
    return {
      code: assigned.code,
      name: assigned.name,
      effectiveFrom: assigned.effectiveFrom,
      ...termsFields(assigned.rule),
    };
  },
  applyReceivable: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.APPLY_RECEIVABLES);
    return applyByHand(ctx.dataSource, args, actorOf(principal));
  },
  reverseReceivableApplication: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.APPLY_RECEIVABLES);
    return reverseApplication(ctx.dataSource, args.id, actorOf(principal));
  },
};

export const receivablesCustomerFieldResolvers: CustomerResolvers = {
  paymentTerms: (customer, _, ctx) => {
    requirePermission(ctx.principal, Permission.READ);
    return termsOfCustomer(ctx, customer.id);
  },
};
