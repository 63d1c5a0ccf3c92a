import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The API's resolver types, from the modules' SDL (api/graphql/<module>/*.graphql): each
 * resolver's arguments, parent and result as the schema says, so no resolver casts its arguments.
 * Generated into api/graphql/resolvers-types.generated.ts and git-ignored, as the web app's
 * operations are: the SDL is the one source, a generated file cannot drift from it. `npm run
 * codegen` runs first in `typecheck` and `build:server` (so in scripts/setup.sh's build and in
 * `npm test`); jest only transpiles, and resolvers import these types with `import type`.
 */
const config: CodegenConfig = {
  schema: 'api/graphql/**/*.graphql',
  emitLegacyCommonJSImports: true,
  generates: {
    'api/graphql/resolvers-types.generated.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../context#ApiContext',
        // Input as the scalars parse it (api/scalars.ts); output as resolvers give it.
        scalars: {
          Decimal: { input: 'string', output: 'string | import("../../money/decimal").Money' },
          Date: 'string',
          DateTime: { input: 'Date', output: 'Date | string' },
          JSON: 'unknown',
        },
        strictScalars: true,
        enumsAsTypes: true,
        // The schema's enums that are the contract's (same names, same values): one type for both.
        enumValues: {
          AdminTaskStatus: '../../contract/enums#AdminTaskStatus',
          DifferenceKind: '../../contract/enums#DifferenceKind',
          TaskTitleKind: '../../contract/task-title#TaskTitleKind',
          EntryKind: '../../contract/enums#EntryKind',
          PeriodStatus: '../../contract/enums#PeriodStatus',
          UserRole: '../../contract/enums#UserRole',
          AgingBasis: '../../contract/credit/enums#AgingBasis',
          RiskClass: '../../contract/credit/enums#RiskClass',
          CreditDecision: '../../contract/credit/enums#CreditDecision',
          CreditRequestKind: '../../contract/credit/enums#CreditRequestKind',
          CreditRequestStatus: '../../contract/credit/enums#CreditRequestStatus',
          CreditReasonCode: '../../contract/credit/check#CreditReasonCode',
          ScoreComponentKind: '../../contract/credit/score#ScoreComponentKind',
          ApplicationSource: '../../contract/credit/enums#ApplicationSource',
          TermsKind: '../../contract/credit/enums#TermsKind',
          DunningTone: '../../contract/credit/enums#DunningTone',
          DunningCaseStatus: '../../contract/credit/enums#DunningCaseStatus',
          DunningCloseReason: '../../contract/credit/enums#DunningCloseReason',
          PromiseStatus: '../../contract/credit/enums#PromiseStatus',
          DunningDisputeStatus: '../../contract/credit/enums#DisputeStatus',
          DisputeOutcome: '../../contract/collections/dunning#DisputeOutcome',
          LedgerEntryState: '../../ledger/ledger-query#LedgerEntryState',
          LineMatchState: '../../periods/period-lines#LineMatchState',
          LineSide: '../../periods/period-lines#LineSide',
          WebhookDeliveryStatus: '../../entities/webhook-delivery.entity#WebhookDeliveryStatus',
        },
        // Types whose resolvers are given entities (a parent's fields resolve the rest).
        // (Imported with the suffix: the schema's own type keeps its name.)
        mapperTypeSuffix: 'Model',
        mappers: {
          AuditEvent: '../../entities/audit-event.entity#AuditEvent',
          PendingAdjustment: './approval/approval-block#PendingAdjustmentNode',
          Dashboard: '../../reports/sources/dashboard#DashboardData',
          UnansweredStatement: "DashboardDataModel['unanswered'][number]",
          Workload: "DashboardDataModel['workloads'][number]",
          Customer: '../../entities/customer.entity#Customer',
          LedgerEntry: '../../ledger/ledger-query#LedgerEntryRow',
          LedgerEntryConnection: './ledger/ledger-page#LedgerConnectionSource',
          Period: '../../entities/reconciliation-period.entity#ReconciliationPeriod',
          Task: '../../entities/task.entity#Task',
          WebhookAttempt: '../../entities/webhook-attempt.entity#WebhookAttempt',
          WebhookDelivery: '../../entities/webhook-delivery.entity#WebhookDelivery',
          WebhookSubscription: '../../entities/webhook-subscription.entity#WebhookSubscription',
          // The user service gives entities; isMe is resolved against the caller.
          User: '../../entities/user.entity#User',
        },
      },
    },
  },
};

export default config;
