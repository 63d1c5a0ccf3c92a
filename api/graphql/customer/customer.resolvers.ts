import { actorOf, Permission, requirePermission, requireStepUp } from '../../../auth/policy';
import { updateCustomerSettings } from '../../../customers/customer.service';
import { periodSettings } from '../../../contract/period';
import type { Customer } from '../../../entities/customer.entity';
import { validateRuleSettings } from '../../../matching/settings';
import type { ApiContext } from '../../context';
import { readOrLoad } from '../../loaders/deferred-columns';
import type { FieldReads } from '../../execution/projection';
import type { CustomerResolvers, MutationResolvers } from '../resolvers-types.generated';

/** Customer fields beyond the row: staff and keys with read access only (a customer link sees none). */
const readable =
  <T>(resolve: (customer: Customer, ctx: ApiContext) => T) =>
  (customer: Customer, _: unknown, ctx: ApiContext): T => {
    requirePermission(ctx.principal, Permission.READ);
    return resolve(customer, ctx);
  };

/** What Customer's fields read of the row beyond their own column (see propertiesSelected). */
export const CUSTOMER_FIELD_READS: FieldReads = {
  balance: [],
  openPeriods: [],
  periods: [],
  effectiveRuleSettings: ['ruleSettings'],
  effectiveWorkflowSettings: ['workflowSettings'],
  // The credit modules' fields (api/graphql/receivables/receivables.resolvers.ts) take the id.
  paymentTerms: [],
};

export const customerFieldResolvers: CustomerResolvers = {
  balance: readable((customer, ctx) => ctx.loaders.balanceByCustomerId.load(customer.id)),
  openPeriods: readable((customer, ctx) => ctx.loaders.openPeriodsByCustomerId.load(customer.id)),
  ruleSettings: readable((customer, ctx) =>
    readOrLoad(customer, 'ruleSettings', ctx.loaders.customerSettings),
  ),
  // Stored settings were validated when saved; the defaults fill the rest.
  effectiveRuleSettings: readable(async (customer, ctx) =>
    validateRuleSettings(await readOrLoad(customer, 'ruleSettings', ctx.loaders.customerSettings)),
  ),
  // A customer's address is for staff and keys with read access, never for a customer link.
  contactEmail: readable((customer) => customer.contactEmail),
  workflowSettings: readable((customer, ctx) =>
    readOrLoad(customer, 'workflowSettings', ctx.loaders.customerSettings),
  ),
  // Stored overrides were validated when saved; the defaults fill the rest.
  effectiveWorkflowSettings: readable(async (customer, ctx) =>
    periodSettings(await readOrLoad(customer, 'workflowSettings', ctx.loaders.customerSettings)),
  ),
};

export const customerMutationResolvers: MutationResolvers = {
  updateCustomerSettings: (_, args, ctx) => {
    const principal = requirePermission(ctx.principal, Permission.ADMIN);
    // The contact address is where the customer's statement links go (they confirm or dispute the
    // account): changing it is as sensitive as creating an API key.
    if (args.contactEmail !== undefined) requireStepUp(principal);
    return updateCustomerSettings(
      ctx.dataSource,
      args.code,
      {
        ruleSettings: args.ruleSettings,
        workflowSettings: args.workflowSettings,
        contactEmail: args.contactEmail,
        expectedVersion: args.expectedVersion ?? undefined,
      },
      actorOf(principal),
    );
  },
};
