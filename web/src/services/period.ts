import { useCallback, useEffect, useRef, useState } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import type { LineMatchState, LineSide } from '../graphql/schema-types.generated';
import {
  AcceptMatchSuggestionDocument,
  AskCustomerAboutDifferenceDocument,
  CompletePeriodReviewDocument,
  MarkDifferenceTimingDocument,
  MatchLinesByHandDocument,
  PeriodDetailDocument,
  PeriodDifferencesDocument,
  PeriodOurLinesDocument,
  PeriodOurLinesUnmatchedFirstDocument,
  PeriodSuggestionsDocument,
  PeriodTheirLinesDocument,
  PeriodTheirLinesUnmatchedFirstDocument,
  ProposeLedgerAdjustmentDocument,
  RejectMatchSuggestionDocument,
  RematchPeriodDocument,
  UnmatchGroupDocument,
  type AcceptMatchSuggestionMutationVariables,
  type AskCustomerAboutDifferenceMutationVariables,
  type CompletePeriodReviewMutationVariables,
  type MarkDifferenceTimingMutationVariables,
  type MatchLinesByHandMutationVariables,
  type ProposeLedgerAdjustmentMutationVariables,
  type RejectMatchSuggestionMutationVariables,
  type RematchPeriodMutationVariables,
  type UnmatchGroupMutationVariables,
  type PeriodDetailQuery,
  type PeriodDifferencesQuery,
  type PeriodSuggestionsQuery,
  type PeriodLineFieldsFragment,
} from './period.generated';
import { takeFirstRead, firstReadPolicy } from './first-reads';
import { takeInStateOrder, type LinesCursor } from './lines-walk';
import { refusalOf } from './refusals';

export type { LineMatchState, LineSide };
export type PeriodLine = PeriodLineFieldsFragment;
export type PeriodDetail = NonNullable<PeriodDetailQuery['period']>;
export type PeriodStep = PeriodDetail['timeline'][number];
export type PeriodDifference = NonNullable<
  PeriodDifferencesQuery['period']
>['differences']['edges'][number]['node'];
export type MatchSuggestion = NonNullable<
  PeriodSuggestionsQuery['period']
>['matchGroups']['edges'][number]['node'];

/** The period's header, bridge and timeline: one request, none of its lines. */
export function usePeriodDetail(periodId: string) {
  // Read from the cache when the app already sent this read as it started (then taken once).
  const [fetchPolicy] = useState(() => firstReadPolicy('PeriodDetail', { id: periodId }));
  const { data, loading, error, refetch } = useQuery(PeriodDetailDocument, {
    variables: { id: periodId },
    notifyOnNetworkStatusChange: true,
    ...(fetchPolicy ? { fetchPolicy, nextFetchPolicy: 'cache-and-network' as const } : {}),
  });
  return {
    period: data?.period ?? undefined,
    found: data ? !!data.period : undefined,
    loading,
    error,
    refetch,
  };
}

/** The differences of the latest match run (loaded when their tab is opened, or a link names one). */
export function usePeriodDifferences(periodId: string, skip = false) {
  const { data, loading, error, refetch, fetchMore } = useQuery(PeriodDifferencesDocument, {
    variables: { id: periodId },
    skip,
  });
  const page = data?.period?.differences;
  // The API pages the list (200 at most): every page is read, the panel shows them all.
  useEffect(() => {
    if (!page?.pageInfo.hasNextPage) return;
    void fetchMore({
      variables: { after: page.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) =>
        previous.period && fetchMoreResult.period
          ? {
              period: {
                ...fetchMoreResult.period,
                differences: {
                  ...fetchMoreResult.period.differences,
                  edges: [...previous.period.differences.edges, ...fetchMoreResult.period.differences.edges],
                },
              },
            }
          : previous,
    });
  }, [page, fetchMore]);
  const differences = page?.edges.map((edge) => edge.node) ?? [];
  return { differences, loading: loading || Boolean(page?.pageInfo.hasNextPage), error, refetch };
}

/** Suggestions of the latest match run that wait for a clerk (loaded when their tab is opened). */
export function usePeriodSuggestions(periodId: string) {
  const { data, loading, error, refetch, fetchMore } = useQuery(PeriodSuggestionsDocument, {
    variables: { id: periodId },
  });
  const page = data?.period?.matchGroups;
  useEffect(() => {
    if (!page?.pageInfo.hasNextPage) return;
    void fetchMore({
      variables: { after: page.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) =>
        previous.period && fetchMoreResult.period
          ? {
              period: {
                ...fetchMoreResult.period,
                matchGroups: {
                  ...fetchMoreResult.period.matchGroups,
                  edges: [...previous.period.matchGroups.edges, ...fetchMoreResult.period.matchGroups.edges],
                },
              },
            }
          : previous,
    });
  }, [page, fetchMore]);
  const suggestions = (page?.edges.map((edge) => edge.node) ?? []).filter(
    (group) => group.state === 'SUGGESTED',
  );
  return { suggestions, loading: loading || Boolean(page?.pageInfo.hasNextPage), error, refetch };
}

/** ALL lists every line, unmatched ones first (then suggested, then matched). */
export type LineView = LineMatchState | 'ALL';
const UNMATCHED_FIRST: readonly LineMatchState[] = ['UNMATCHED', 'SUGGESTED', 'MATCHED'];

/** The first page is small so the page shows fast; later pages are larger (the API's limit is 1,000). */
export const FIRST_LINES_PAGE = 100;
const NEXT_LINES_PAGE = 500;
const MAX_LINES_PAGE = 1000;
/**
 * The most lines per state in the one request that reads all three states' first pages: three
 * pages of this size fit the API's cost budget as the request is sent, with the `__typename` Apollo
 * adds to every selection (the query's own default; test/security/operation-budgets). 150 cost
 * 10,365 > 10,000: a page re-read after an action or a live event with 150 lines loaded was refused.
 * More lines come by the per-state pages after it.
 */
const FIRST_PAGES_PER_STATE = 120;

/**
 * How every read of lines goes: to the server, and not into Apollo's cache. The lines live in the
 * table's state (usePeriodLines), no query watches them in the cache; writing hundreds of them
 * there (normalised, then the Period's watchers re-read and re-rendered) cost ~100 ms of the
 * period page's first paint in a profile, for nothing read back.
 */
export const LINES_FETCH_POLICY = 'no-cache' as const;

type Cursor = LinesCursor;

/** A side's first read of every state (no search, every line): what the page sends as it opens. */
export const firstLinesVariables = (id: string) => ({
  id,
  first: Math.min(FIRST_LINES_PAGE, FIRST_PAGES_PER_STATE),
  search: null,
  ids: null,
});

const START: Cursor = { stateIndex: 0, after: null };

interface LinesState {
  /** What the rows are of (period, side, view, search): a change starts a new first page. */
  key: string;
  rows: PeriodLine[];
  cursor: Cursor;
  busy: boolean;
  error?: unknown;
}

/**
 * One side's lines, a keyset page at a time, as a clerk scrolls (`loadMore`). `reload` reads again
 * as many lines as are loaded now (after an action, or on a stale screen), so the table keeps the
 * clerk's place instead of jumping back to the top.
 */
export function usePeriodLines(
  periodId: string,
  side: LineSide,
  view: LineView,
  search: string,
  /** Only these lines (a difference's): undefined for every line. */
  ids?: readonly string[],
) {
  const client = useApolloClient();
  const statesKey = (view === 'ALL' ? UNMATCHED_FIRST : [view]).join(',');
  const term = search.trim();
  const idsKey = ids ? ids.join(',') : '*';
  const key = `${periodId}|${side}|${statesKey}|${term}|${idsKey}`;
  const [state, setState] = useState<LinesState>({ key: '', rows: [], cursor: START, busy: false });

  /** Reads up to `wanted` lines from the cursor on, walking the states in order. */
  const readLines = useCallback(
    async (from: Cursor, wanted: number) => {
      const walk = statesKey.split(',') as LineMatchState[];
      const lines: PeriodLine[] = [];
      let next = { ...from };
      // From the top of every state: all three states' first pages in one request, not three in a row.
      if (walk.length === UNMATCHED_FIRST.length && next.stateIndex === 0 && next.after === null) {
        const variables = {
          id: periodId,
          first: Math.min(wanted, FIRST_PAGES_PER_STATE),
          search: term || null,
          ids: idsKey === '*' ? null : idsKey ? idsKey.split(',') : [],
        };
        const query =
          side === 'OURS' ? PeriodOurLinesUnmatchedFirstDocument : PeriodTheirLinesUnmatchedFirstDocument;
        const operation = side === 'OURS' ? 'PeriodOurLinesUnmatchedFirst' : 'PeriodTheirLinesUnmatchedFirst';
        // The page's opening read may have been sent with the app (app/first-reads.ts).
        const started =
          wanted === FIRST_LINES_PAGE
            ? takeFirstRead<Awaited<ReturnType<typeof readSide>>>(operation, variables)
            : undefined;
        const readSide = () => client.query({ query, variables, fetchPolicy: LINES_FETCH_POLICY });
        const period = (await (started ?? readSide())).data?.period;
        const taken = takeInStateOrder(
          period ? [period.unmatched, period.suggested, period.matched] : [],
          wanted,
        );
        lines.push(...taken.lines);
        next = period ? taken.cursor : { stateIndex: walk.length, after: null };
      }
      while (next.stateIndex < walk.length && lines.length < wanted) {
        const variables = {
          id: periodId,
          first: Math.min(wanted - lines.length, MAX_LINES_PAGE),
          after: next.after,
          filter: {
            state: walk[next.stateIndex],
            ...(term ? { search: term } : {}),
            ...(idsKey === '*' ? {} : { ids: idsKey ? idsKey.split(',') : [] }),
          },
        };
        const connection =
          side === 'OURS'
            ? (
                await client.query({
                  query: PeriodOurLinesDocument,
                  variables,
                  fetchPolicy: LINES_FETCH_POLICY,
                })
              ).data?.period?.ledgerEntries
            : (
                await client.query({
                  query: PeriodTheirLinesDocument,
                  variables,
                  fetchPolicy: LINES_FETCH_POLICY,
                })
              ).data?.period?.statementLines;
        lines.push(...(connection?.edges.map((edge) => edge.node) ?? []));
        if (connection?.pageInfo.hasNextPage) next.after = connection.pageInfo.endCursor ?? null;
        else {
          next.stateIndex += 1;
          next.after = null;
        }
      }
      return { lines, cursor: next };
    },
    [client, periodId, side, statesKey, term, idsKey],
  );

  useEffect(() => {
    let current = true;
    readLines(START, FIRST_LINES_PAGE).then(
      ({ lines, cursor }) => current && setState({ key, rows: lines, cursor, busy: false }),
      (error: unknown) => current && setState({ key, rows: [], cursor: START, busy: false, error }),
    );
    return () => {
      current = false;
    };
  }, [key, readLines]);

  const shown = state.key === key;
  /** Reads from `from` on and puts the lines after `keep` of the rows (0: instead of them). */
  /**
   * The actions' known effects shown before their read (`patch`), numbered: a read that started
   * before one answers without it, so that effect is applied to what it read too.
   */
  const patches = useRef<{ count: number; recent: Array<{ number: number; change: LinesPatch }> }>({
    count: 0,
    recent: [],
  });
  const extend = useCallback(
    async (from: Cursor, wanted: number, keep: number, quiet = false): Promise<PeriodLine[] | undefined> => {
      if (!quiet) setState((previous) => (previous.key === key ? { ...previous, busy: true } : previous));
      const startedAfter = patches.current.count;
      try {
        const read = await readLines(from, wanted);
        const later = patches.current.recent.filter((patch) => patch.number > startedAfter);
        const lines = later.reduce((rows, patch) => rows.map(patch.change), read.lines);
        const { cursor } = read;
        setState((previous) =>
          previous.key === key
            ? { key, rows: [...previous.rows.slice(0, keep), ...lines], cursor, busy: false }
            : previous,
        );
        return lines;
      } catch (error) {
        setState((previous) => (previous.key === key ? { ...previous, busy: false, error } : previous));
        return undefined;
      }
    },
    [key, readLines],
  );
  const hasMore = shown && state.cursor.stateIndex < statesKey.split(',').length;
  const loadMore = useCallback(() => {
    if (!shown || state.busy || !hasMore) return;
    void extend(state.cursor, NEXT_LINES_PAGE, state.rows.length);
  }, [extend, hasMore, shown, state]);
  /**
   * Reads the loaded lines again; resolves to them (undefined when it failed). `quiet`: the table
   * shows no loading meanwhile (what it shows is already an action's known effect, `patch`): its
   * spinner over both sides came in the same render as the effect, and went in another.
   */
  const reload = useCallback(
    (quiet = false) => extend(START, Math.max(state.rows.length, FIRST_LINES_PAGE), 0, quiet),
    [extend, state.rows.length],
  );
  /** Shows an action's known effect on the loaded lines at once, before they are read again. */
  const patch = useCallback(
    (change: LinesPatch) => {
      const number = ++patches.current.count;
      patches.current.recent = [...patches.current.recent.slice(-19), { number, change }];
      setState((previous) =>
        previous.key === key ? { ...previous, rows: previous.rows.map((line) => change(line)) } : previous,
      );
    },
    [key],
  );
  return {
    rows: shown ? state.rows : [],
    loading: !shown || state.busy,
    error: shown ? state.error : undefined,
    hasMore,
    loadMore,
    reload,
    patch,
  };
}

/** What an action is known to change in a line (the line itself when nothing). */
export type LinesPatch = (line: PeriodLine) => PeriodLine;

/**
 * What a review action answers: done (with the audit log's head after it, when the API says: the
 * live events up to it are the page's own; and, for the actions whose effect on the lines the page
 * knows from the answer, `patch`), or the refusal (its code decides how the page recovers).
 */
export type ActionOutcome =
  { ok: true; eventsThrough?: string; patch?: LinesPatch } | { ok: false; code: string; error: unknown };

interface ActionAnswer {
  entityId?: unknown;
  version?: unknown;
  eventsThrough?: unknown;
}

export const outcomeOf = async (
  send: () => Promise<{ data?: object | null }>,
  patchOf?: (answer: { entityId: string }) => LinesPatch,
): Promise<ActionOutcome> => {
  try {
    const answer = await send();
    const result = Object.values(answer.data ?? {})[0] as ActionAnswer | null | undefined;
    const through = result?.eventsThrough;
    const entityId = result?.entityId;
    return {
      ok: true,
      eventsThrough: typeof through === 'string' ? through : undefined,
      patch: patchOf && typeof entityId === 'string' ? patchOf({ entityId }) : undefined,
    };
  } catch (error) {
    return { ok: false, code: refusalOf(error).code, error };
  }
};

/** A hand match: the lines sent are matched now, in the group the answer names. */
export const matchedByHand =
  (ledgerEntryIds: readonly string[], statementLineIds: readonly string[]) =>
  ({ entityId }: { entityId: string }): LinesPatch => {
    const ours = new Set(ledgerEntryIds);
    const theirs = new Set(statementLineIds);
    return (line) =>
      (line.side === 'OURS' ? ours : theirs).has(line.id)
        ? { ...line, matchState: 'MATCHED', matchGroupId: entityId }
        : line;
  };

/** An undone match: the group's lines are unmatched now. */
export const unmatchedGroup = (groupId: string) => (): LinesPatch => (line) =>
  line.matchGroupId === groupId ? { ...line, matchState: 'UNMATCHED', matchGroupId: null } : line;

/** A line whose match a clerk can undo: matched (not merely suggested), in a group. */
export const canUnmatch = (line: Pick<PeriodLine, 'matchState' | 'matchGroupId'>) =>
  line.matchState === 'MATCHED' && !!line.matchGroupId;

/**
 * The clerk's review actions on one period. Each sends the version the screen shows as
 * expectedVersion, so an out-of-date screen is refused (STALE_VERSION) rather than acted on.
 */
export function useReviewActions(periodId: string, expectedVersion: number | null | undefined) {
  // The client's own mutate, not useMutation: no hook state, so sending an action re-renders nothing
  // of the page (the answer and the lines read after it are what the page shows).
  const client = useApolloClient();
  const matchManually = (options: { variables: MatchLinesByHandMutationVariables }) =>
    client.mutate({ mutation: MatchLinesByHandDocument, ...options });
  const acceptSuggestion = (options: { variables: AcceptMatchSuggestionMutationVariables }) =>
    client.mutate({ mutation: AcceptMatchSuggestionDocument, ...options });
  const rejectSuggestion = (options: { variables: RejectMatchSuggestionMutationVariables }) =>
    client.mutate({ mutation: RejectMatchSuggestionDocument, ...options });
  const markTiming = (options: { variables: MarkDifferenceTimingMutationVariables }) =>
    client.mutate({ mutation: MarkDifferenceTimingDocument, ...options });
  const askCustomer = (options: { variables: AskCustomerAboutDifferenceMutationVariables }) =>
    client.mutate({ mutation: AskCustomerAboutDifferenceDocument, ...options });
  const proposeAdjustment = (options: { variables: ProposeLedgerAdjustmentMutationVariables }) =>
    client.mutate({ mutation: ProposeLedgerAdjustmentDocument, ...options });
  const completeReview = (options: { variables: CompletePeriodReviewMutationVariables }) =>
    client.mutate({ mutation: CompletePeriodReviewDocument, ...options });
  const unmatch = (options: { variables: UnmatchGroupMutationVariables }) =>
    client.mutate({ mutation: UnmatchGroupDocument, ...options });
  const rematch = (options: { variables: RematchPeriodMutationVariables }) =>
    client.mutate({ mutation: RematchPeriodDocument, ...options });
  const base = { periodId, expectedVersion: expectedVersion ?? undefined };
  /**
   * The version the answer names is the period's now: the next action sends it at once, without
   * waiting for the detail to be read again.
   */
  const versionSeen = <Answer extends { data?: object | null }>(answer: Answer): Answer => {
    const version = (Object.values(answer.data ?? {})[0] as ActionAnswer | null | undefined)?.version;
    if (typeof version !== 'number') return answer;
    client.cache.modify({
      id: client.cache.identify({ __typename: 'Period', id: periodId }),
      fields: { workflowVersion: (seen: number | null) => (seen === null ? seen : version) },
    });
    return answer;
  };
  return {
    matchByHand: (ledgerEntryIds: string[], statementLineIds: string[], note: string) =>
      outcomeOf(
        () =>
          matchManually({ variables: { ...base, ledgerEntryIds, statementLineIds, note } }).then(versionSeen),
        matchedByHand(ledgerEntryIds, statementLineIds),
      ),
    acceptSuggestion: (groupId: string) =>
      outcomeOf(() => acceptSuggestion({ variables: { ...base, groupId } })),
    rejectSuggestion: (groupId: string, reason: string) =>
      outcomeOf(() => rejectSuggestion({ variables: { ...base, groupId, reason } })),
    /** Undo a match: its lines stay out of automatic matching until matched by hand. */
    unmatch: (groupId: string, reason: string) =>
      outcomeOf(
        () => unmatch({ variables: { ...base, groupId, reason } }).then(versionSeen),
        unmatchedGroup(groupId),
      ),
    markTiming: (differenceId: string, note: string) =>
      outcomeOf(() => markTiming({ variables: { ...base, differenceId, note } })),
    askCustomer: (differenceId: string, question: string) =>
      outcomeOf(() => askCustomer({ variables: { ...base, differenceId, question } })),
    proposeAdjustment: (input: {
      amount: string;
      entryDate: string;
      reason: string;
      differenceId?: string;
    }) => outcomeOf(() => proposeAdjustment({ variables: { ...base, ...input } })),
    completeReview: () => outcomeOf(() => completeReview({ variables: base })),
    /** Match again now and stay in review (the page follows the new run live). */
    rematch: () => outcomeOf(() => rematch({ variables: base })),
  };
}

/** Where the browser downloads a report of the period (the session cookie authenticates the GET). */
export function periodReportUrl(
  kind: 'statement' | 'differences',
  periodId: string,
  format: 'pdf' | 'xlsx',
  lang: 'zh' | 'en' | 'bilingual',
): string {
  const query = new URLSearchParams({ periodId, format, lang });
  return `/reports/${kind}?${query.toString()}`;
}
