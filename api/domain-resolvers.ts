import { adminTaskMutationResolvers, adminTaskQueryResolvers } from './resolvers/admin-task.resolvers';
import { apiKeyMutationResolvers, apiKeyQueryResolvers } from './resolvers/api-key.resolvers';
import { auditEventResolvers, auditQueryResolvers } from './resolvers/audit.resolvers';
import { customerFieldResolvers, customerMutationResolvers } from './resolvers/customer.resolvers';
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
import { statementMutationResolvers } from './resolvers/statement.resolvers';
import { userMutationResolvers, userQueryResolvers } from './resolvers/user.resolvers';

/** The domain modules' root fields and types (customers, ledger, statements, users, keys, audit, events). */
export const domainQueryResolvers = {
  ...ledgerQueryResolvers,
  ...userQueryResolvers,
  ...apiKeyQueryResolvers,
  ...auditQueryResolvers,
  ...eventQueryResolvers,
  ...adminTaskQueryResolvers,
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
};

export { customerFieldResolvers };

export const domainTypeResolvers = {
  LedgerEntry: ledgerEntryResolvers,
  LedgerEntryConnection: ledgerConnectionResolvers,
  AuditEvent: auditEventResolvers,
  WebhookDelivery: webhookDeliveryResolvers,
};
