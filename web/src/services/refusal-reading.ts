// How the app reads a refusal (pure: no React), and words it in the user's language.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { MessageKey, MessageValues } from '../i18n/catalog';
import { FIELD_NAMES } from './field-names';
import { isRefusalCode, NETWORK_FAILURE, REFUSAL_MESSAGES } from './refusal-codes';

/** The translate function (I18nProvider's useT), named here without React so tests can pass their own. */
type Translate = (key: MessageKey, values?: MessageValues) => string;

/** A refusal as the app handles it: the server's code (or NETWORK), and its message in the API's words. */
export interface Refusal {
  code: string;
  /** The server's own message (English, technical): for logs and details, not the headline. */
  detail?: string;
}

const firstError = (body: unknown): { code?: string; message?: string } | undefined => {
  const errors = (body as { errors?: Array<{ message?: string; extensions?: { code?: string } }> })?.errors;
  const rest = (body as { error?: { code?: string; message?: string } })?.error;
  if (errors?.length) return { code: errors[0].extensions?.code, message: errors[0].message };
  return rest;
};

/** What an Apollo error (or a failed fetch of a REST route) says, as a code. */
export function refusalOf(error: unknown): Refusal {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    return { code: String(first?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), detail: first?.message };
  }
  if (ServerError.is(error)) {
    let parsed: { code?: string; message?: string } | undefined;
    try {
      parsed = firstError(JSON.parse(error.bodyText));
    } catch {
      parsed = undefined;
    }
    if (parsed?.code) return { code: parsed.code, detail: parsed.message };
    return { code: error.statusCode >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', detail: error.message };
  }
  return { code: NETWORK_FAILURE, detail: error instanceof Error ? error.message : undefined };
}

/** One bad field the server named in a refusal (`extensions.problems`): its path and why, in the API's words. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** The fields a refusal names (`extensions.problems`, or `error.problems` of a REST body); empty when none. */
export function problemsOf(error: unknown): FieldProblem[] {
  let problems: unknown;
  if (CombinedGraphQLErrors.is(error)) problems = error.errors[0]?.extensions?.problems;
  else if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as {
        errors?: Array<{ extensions?: { problems?: unknown } }>;
        error?: { problems?: unknown };
      };
      problems = body?.errors?.[0]?.extensions?.problems ?? body?.error?.problems;
    } catch {
      problems = undefined;
    }
  }
  if (!Array.isArray(problems)) return [];
  return problems
    .filter((p): p is FieldProblem => typeof p?.field === 'string' && typeof p?.reason === 'string')
    .map(({ field, reason }) => ({ field, reason }));
}

/** The JSON error body of a REST route ({error: {code, message}}) as a refusal. */
export function refusalOfBody(status: number, body: unknown): Refusal {
  const parsed = firstError(body);
  return {
    code: parsed?.code ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST'),
    detail: parsed?.message,
  };
}

export type RefusalOverrides = Partial<Record<string, MessageKey>>;

/** The refusal's one sentence, in the current language, without the fields it names. */
export function refusalHeadline(error: unknown, t: Translate, overrides?: RefusalOverrides): string {
  const { code } = refusalOf(error);
  const key = overrides?.[code] ?? (isRefusalCode(code) ? REFUSAL_MESSAGES[code] : undefined);
  if (key) return t(key);
  if (code === NETWORK_FAILURE) return t('errors.network');
  return t('errors.unknown', { code });
}

/** The fields a refusal names, as one sentence: each field in the user's words, with the server's reason. */
export function problemsSentence(problems: readonly FieldProblem[], t: Translate): string {
  const list = problems.map(({ field, reason }) => {
    const name = FIELD_NAMES[field];
    return t('errors.problem', { field: name ? t(name) : field, reason });
  });
  return t('errors.problems', { list: list.join(t('errors.problemSeparator')) });
}

/**
 * The sentence to show for a refusal: what happened, then the fields it names where it names some.
 * An UNAUTHENTICATED refusal's problems say which credential failed (a customer link's
 * LINK_EXPIRED): the pages that read them say it in their own words (customer-link.ts).
 */
export function refusalSentence(error: unknown, t: Translate, overrides?: RefusalOverrides): string {
  const headline = refusalHeadline(error, t, overrides);
  const problems = refusalOf(error).code === 'UNAUTHENTICATED' ? [] : problemsOf(error);
  return problems.length
    ? t('errors.withProblems', { headline, problems: problemsSentence(problems, t) })
    : headline;
}
