import { useApolloClient } from '@apollo/client/react';
import type { PeriodStatus } from '../graphql/schema-types.generated';
import { outcomeOf, type ActionOutcome } from './period';
import { ClosePeriodByExceptionDocument, RecordCustomerAnswerDocument } from './period-decisions.generated';
import type { Role } from './session';

/** Who may close by exception and record a customer's answer (the API's period:close-exception, customer:record-answer). */
const DECIDERS: readonly Role[] = ['MANAGER', 'ADMIN'];

/** The states the workflow lets a period be closed by exception from (else WRONG_STATE). */
const CLOSABLE: readonly PeriodStatus[] = ['IN_REVIEW', 'AWAITING_CUSTOMER', 'AWAITING_APPROVAL'];

/** Hides the buttons a role or a state cannot use; the API refuses them regardless. */
export const canCloseByException = (role: Role | undefined, status: PeriodStatus | undefined) =>
  !!role && DECIDERS.includes(role) && !!status && CLOSABLE.includes(status);
export const canRecordCustomerAnswer = (role: Role | undefined, status: PeriodStatus | undefined) =>
  !!role && DECIDERS.includes(role) && status === 'AWAITING_CUSTOMER';

/** One disputed line of our statement (a ledger entry of the period), with what the customer's books say. */
export interface DisputedLine {
  ledgerEntryId: string;
  /** Exact decimal string, as typed; absent when the customer did not say. */
  theirAmount?: string;
}

/** What the customer said, by phone or on paper: the balance is right, or these lines are not. */
export type CustomerAnswer =
  { confirmed: true; comment: string } | { confirmed: false; comment: string; lines: DisputedLine[] };

/** A manager's decisions on one period: each answers done or the API's refusal, as the review actions do. */
export function usePeriodDecisions(periodId: string) {
  const client = useApolloClient();
  return {
    closeByException: (reason: string): Promise<ActionOutcome> =>
      outcomeOf(() =>
        client.mutate({ mutation: ClosePeriodByExceptionDocument, variables: { periodId, reason } }),
      ),
    /** Recorded in the manager's own name; the comment says how the customer answered and is each line's reason. */
    recordCustomerAnswer: (answer: CustomerAnswer): Promise<ActionOutcome> =>
      outcomeOf(() =>
        client.mutate({
          mutation: RecordCustomerAnswerDocument,
          variables: {
            periodId,
            confirmed: answer.confirmed,
            comment: answer.comment,
            lines: answer.confirmed
              ? undefined
              : answer.lines.map((line) => ({
                  side: 'OURS',
                  lineId: line.ledgerEntryId,
                  comment: answer.comment,
                  ...(line.theirAmount ? { theirAmount: line.theirAmount } : {}),
                })),
          },
        }),
      ),
  };
}
