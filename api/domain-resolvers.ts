import {
  adminTaskMutationResolvers,
  adminTaskQueryResolvers,
} from './graphql/admin-task/admin-task.resolvers';
import { apiKeyMutationResolvers, apiKeyQueryResolvers } from './graphql/api-key/api-key.resolvers';
import { auditEventResolvers, auditQueryResolvers } from './graphql/audit/audit.resolvers';
import {
  customerFieldResolvers as customerRowFieldResolvers,
  customerMutationResolvers,
} from './graphql/customer/customer.resolvers';
import {
  eventMutationResolvers,
  eventQueryResolvers,
  webhookDeliveryResolvers,
} from './graphql/event/event.resolvers';
import {
  ledgerConnectionResolvers,
  ledgerEntryResolvers,
  ledgerMutationResolvers,
  ledgerQueryResolvers,
} from './graphql/ledger/ledger.resolvers';
import {
  collectionsMutationResolvers,
  collectionsQueryResolvers,
} from './graphql/collections/collections.resolvers';
import { creditMutationResolvers, creditQueryResolvers } from './graphql/credit/credit.resolvers';
import { sessionMutationResolvers } from './graphql/session/session.resolvers';
import {
  receivablesCustomerFieldResolvers,
  receivablesMutationResolvers,
  receivablesQueryResolvers,
} from './graphql/receivables/receivables.resolvers';
import { statementMutationResolvers } from './graphql/statement/statement.resolvers';
import { userFieldResolvers, userMutationResolvers, userQueryResolvers } from './graphql/user/user.resolvers';

/** The domain modules' root fields and types (customers, ledger, statements, users, keys, audit, events). */
export const domainQueryResolvers = {
  ...ledgerQueryResolvers,
  ...userQueryResolvers,
  ...apiKeyQueryResolvers,
  ...auditQueryResolvers,
  ...eventQueryResolvers,
  ...adminTaskQueryResolvers,
  ...receivablesQueryResolvers,
  ...creditQueryResolvers,
  ...collectionsQueryResolvers,
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
  ...creditMutationResolvers,
  ...collectionsMutationResolvers,
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
