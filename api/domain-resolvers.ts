import { adminTaskMutationResolvers, adminTaskQueryResolvers } from './resolvers/admin-task.resolvers';
import { apiKeyMutationResolvers, apiKeyQueryResolvers } from './resolvers/api-key.resolvers';
import { auditEventResolvers, auditQueryResolvers } from './resolvers/audit.resolvers';
import {
  customerFieldResolvers as customerRowFieldResolvers,
  customerMutationResolvers,
} from './resolvers/customer.resolvers';
import {
  eventMutationResolvers,
  eventQueryResolvers,
  webhookDeliveryResolvers,
} from './resolvers/event.resolvers';
import {
  ledgerConnectionResolvers,
  ledgerEntryResolvers,
  ledgerMutationResolvers,
  ledgerQueryResolvers,
} from './resolvers/ledger.resolvers';
import { sessionMutationResolvers } from './resolvers/session.resolvers';
import {
  receivablesCustomerFieldResolvers,
  receivablesMutationResolvers,
  receivablesQueryResolvers,
} from './resolvers/receivables.resolvers';
import { statementMutationResolvers } from './resolvers/statement.resolvers';
import { userFieldResolvers, userMutationResolvers, userQueryResolvers } from './resolvers/user.resolvers';

/** The domain modules' root fields and types (customers, ledger, statements, users, keys, audit, events). */
export const domainQueryResolvers = {
  ...ledgerQueryResolvers,
  ...userQueryResolvers,
  ...apiKeyQueryResolvers,
  ...auditQueryResolvers,
  ...eventQueryResolvers,
  ...adminTaskQueryResolvers,
  ...receivablesQueryResolvers,
};

export const domainMutationResolvers = {
  ...customerMutationResolvers,
  ...ledgerMutationResolvers,
  ...statementMutationResolvers,
  ...userMutationResolvers,
  ...sessionMutationResolvers,
  ...apiKeyMutationResolvers,
  ...eventMutationResolvers,
  ...adminTaskMutationResolvers,
  ...receivablesMutationResolvers,
};

/** Customer's fields beyond its row: its own module's and the credit modules'. */
export const customerFieldResolvers = {
  ...customerRowFieldResolvers,
  ...receivablesCustomerFieldResolvers,
};

export const domainTypeResolvers = {
  LedgerEntry: ledgerEntryResolvers,
  LedgerEntryConnection: ledgerConnectionResolvers,
  AuditEvent: auditEventResolvers,
  WebhookDelivery: webhookDeliveryResolvers,
  User: userFieldResolvers,
};
