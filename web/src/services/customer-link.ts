import { useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { CSRF_HEADERS } from './csrf';
import { refusalOf } from './refusals';
import {
  ConfirmStatementDocument,
  CustomerStatementDocument,
  DisputeStatementDocument,
  type CustomerStatementQuery,
} from './customer-statement.generated';

export type CustomerStatement = CustomerStatementQuery['customerStatement'];
export type CustomerStatementLine = CustomerStatement['lines'][number];

/**
 * What can be wrong with the link itself, so the page can say what to do: expired (ask for a new
 * statement), invalid (forged, mistyped, or replaced by a newer statement), missing from the address.
 */
export type LinkProblem = 'missing' | 'expired' | 'invalid';

/** The link's token, from `/confirm?token=…`. */
export function tokenFromSearch(search: URLSearchParams): string | undefined {
  const token = search.get('token')?.trim();
  return token ? token : undefined;
}

const linkReasonOf = (error: unknown): string | undefined => {
  const extensions = CombinedGraphQLErrors.is(error)
    ? error.errors[0]?.extensions
    : ServerError.is(error)
      ? (() => {
          try {
            return (
              JSON.parse(error.bodyText) as { errors?: Array<{ extensions?: Record<string, unknown> }> }
            ).errors?.[0]?.extensions;
          } catch {
            return undefined;
          }
        })()
      : undefined;
  const problems = extensions?.problems as Array<{ field?: string; reason?: string }> | undefined;
  return problems?.find((problem) => problem.field === 'link')?.reason;
};

/** The link problem an API refusal means, or undefined when the refusal is about something else. */
export function linkProblemOf(error: unknown): LinkProblem | undefined {
  if (refusalOf(error).code !== 'UNAUTHENTICATED') return undefined;
  return linkReasonOf(error) === 'LINK_EXPIRED' ? 'expired' : 'invalid';
}

/** The customer may answer only while the statement waits for them (the server decides it again). */
export const canAnswer = (statement: CustomerStatement) => statement.state === 'AWAITING_ANSWER';

/** Requests made with the link: `Authorization: Customer <token>`, never the staff session. */
const withLink = (token: string) => ({ headers: { authorization: `Customer ${token}` } });

export function useCustomerStatement(token: string | undefined) {
  const { data, loading, error, refetch } = useQuery(CustomerStatementDocument, {
    skip: !token,
    context: withLink(token ?? ''),
    fetchPolicy: 'network-only',
  });
  return { statement: data?.customerStatement, loading, error, refetch };
}

/** A disputed line as the page collects it: the line's number on the statement, and optional amount. */
export interface DisputeChoice {
  lineNo: number;
  theirAmount?: string;
}

/** A decimal amount as typed ("1,234.5" or "1234.50"), or undefined when it is not one. */
export function parseAmount(text: string): string | undefined {
  const cleaned = text.replace(/[,\s，]/g, '');
  return /^-?\d{1,16}(\.\d{1,4})?$/.test(cleaned) ? cleaned : undefined;
}

export function useAnswerStatement(token: string) {
  const [confirmMutation, confirming] = useMutation(ConfirmStatementDocument, { context: withLink(token) });
  const [disputeMutation, disputing] = useMutation(DisputeStatementDocument, { context: withLink(token) });
  return {
    busy: confirming.loading || disputing.loading,
    confirm: (comment: string) => confirmMutation({ variables: { comment: comment.trim() || null } }),
    dispute: (reason: string, choices: readonly DisputeChoice[]) =>
      disputeMutation({
        variables: {
          lines: choices.map((choice) => ({
            lineNo: choice.lineNo,
            comment: reason.trim(),
            ...(choice.theirAmount ? { theirAmount: choice.theirAmount } : {}),
          })),
        },
      }),
  };
}

/**
 * Downloads the statement PDF with the link (a plain <a href> cannot carry the Authorization
 * header): fetched here, handed to the browser as a file.
 */
export async function downloadStatementPdf(
  token: string,
  periodId: string,
  lang: 'zh' | 'en',
): Promise<void> {
  const response = await fetch(
    `/reports/statement?periodId=${encodeURIComponent(periodId)}&format=pdf&lang=${lang}`,
    {
      headers: { authorization: `Customer ${token}`, ...CSRF_HEADERS },
      credentials: 'omit',
    },
  );
  if (!response.ok) throw new Error(`download failed: HTTP ${response.status}`);
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name ? decodeURIComponent(name) : 'statement.pdf';
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
