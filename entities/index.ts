import { Adjustment } from './adjustment.entity';
import { AdminTask } from './admin-task.entity';
import { AdjustmentApproval } from './adjustment-approval.entity';
import { ApiKey } from './api-key.entity';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditEvent } from './audit-event.entity';
import { CreditLimit } from './credit-limit.entity';
import { CreditOpenOrder } from './credit-order.entity';
import { CreditVersion } from './credit-version.entity';
import { DunningLook } from './dunning-look.entity';
import { CreditProfile } from './credit-profile.entity';
import { CreditRequest } from './credit-request.entity';
import { CreditScore } from './credit-score.entity';
import { Customer } from './customer.entity';
import { CustomerConfirmation } from './customer-confirmation.entity';
import { CustomerPaymentTerms } from './customer-payment-terms.entity';
import { CustomerStatement } from './customer-statement.entity';
import { Difference } from './difference.entity';
import { DunningCase } from './dunning-case.entity';
import { DunningDispute } from './dunning-dispute.entity';
import { DunningEscalation } from './dunning-escalation.entity';
import { DunningLetter } from './dunning-letter.entity';
import { DunningPromise } from './dunning-promise.entity';
import { DisputedLine } from './disputed-line.entity';
import { ImportFile } from './import-file.entity';
import { LedgerEntry } from './ledger-entry.entity';
import { LoginThrottleCounter } from './login-throttle.entity';
import { MappingTemplate } from './mapping-template.entity';
import { MatchGroup } from './match-group.entity';
import { MatchGroupMember } from './match-group-member.entity';
import { PaymentTerms } from './payment-terms.entity';
import { ReceivableApplication } from './receivable-application.entity';
import { ReconciliationPeriod } from './reconciliation-period.entity';
import { SecuritySetting } from './security-setting.entity';
import { StatementLine } from './statement-line.entity';
import { Task } from './task.entity';
import { User } from './user.entity';
import { UserRecoveryCode } from './user-recovery-code.entity';
import { UserSession } from './user-session.entity';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookEvent } from './webhook-event.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

export {
  Adjustment,
  AdminTask,
  AdjustmentApproval,
  ApiKey,
  AuditChainHead,
  AuditEvent,
  CreditLimit,
  CreditOpenOrder,
  CreditProfile,
  CreditRequest,
  CreditScore,
  CreditVersion,
  DunningLook,
  Customer,
  CustomerConfirmation,
  CustomerPaymentTerms,
  CustomerStatement,
  Difference,
  DisputedLine,
  DunningCase,
  DunningDispute,
  DunningEscalation,
  DunningLetter,
  DunningPromise,
  ImportFile,
  LedgerEntry,
  LoginThrottleCounter,
  MappingTemplate,
  MatchGroup,
  MatchGroupMember,
  PaymentTerms,
  ReceivableApplication,
  ReconciliationPeriod,
  SecuritySetting,
  StatementLine,
  Task,
  User,
  UserRecoveryCode,
  UserSession,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEvent,
  WebhookSubscription,
};

export const ALL_ENTITIES = [
  Adjustment,
  AdminTask,
  AdjustmentApproval,
  ApiKey,
  AuditChainHead,
  AuditEvent,
  CreditLimit,
  CreditOpenOrder,
  CreditProfile,
  CreditRequest,
  CreditScore,
  CreditVersion,
  DunningLook,
  Customer,
  CustomerConfirmation,
  CustomerPaymentTerms,
  CustomerStatement,
  Difference,
  DisputedLine,
  DunningCase,
  DunningDispute,
  DunningEscalation,
  DunningLetter,
  DunningPromise,
  ImportFile,
  LedgerEntry,
  LoginThrottleCounter,
  MappingTemplate,
  MatchGroup,
  MatchGroupMember,
  PaymentTerms,
  ReceivableApplication,
  ReconciliationPeriod,
  SecuritySetting,
  StatementLine,
  Task,
  User,
  UserRecoveryCode,
  UserSession,
  WebhookAttempt,
  WebhookDelivery,
  WebhookEvent,
  WebhookSubscription,
];
