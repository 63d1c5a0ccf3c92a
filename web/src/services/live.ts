import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import {
  LiveApprovalEventsDocument,
  LivePeriodEventsDocument,
  LiveTaskEventsDocument,
} from './live.generated';

/** What a page can follow live: its tasks, one period (or all), approvals. */
export type LiveEvents = 'tasks' | 'period' | 'approvals';

export interface LiveRefetchOptions {
  /** With 'period': this period only (else every period the user may see). */
  periodId?: string;
  /** Events that arrive together refetch once, this long after the first (ms). */
  settleMs?: number;
}

/**
 * Refetches when something the page shows changes on the server: a task claimed by a colleague,
 * the workflow moving the period on, an approval decided. Subscriptions travel over the app's
 * WebSocket (same origin, the session cookie); a burst of events refetches once. Pages switch from
 * polling with one line: `useLiveRefetch(['tasks'], refetch)`.
 */
export function useLiveRefetch(
  events: readonly LiveEvents[],
  refetch: () => unknown,
  options: LiveRefetchOptions = {},
): void {
  const client = useApolloClient();
  const latestRefetch = useRef(refetch);
  useEffect(() => {
    latestRefetch.current = refetch;
  }, [refetch]);
  const { periodId, settleMs = 250 } = options;
  const key = [...new Set(events)].sort().join(',');

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void latestRefetch.current();
      }, settleMs);
    };
    const kinds = key.split(',').filter(Boolean) as LiveEvents[];
    // A refusal (signed out, not allowed) ends the stream; the page keeps what it shows.
    const observer = { next: changed, error: () => undefined };
    const subscriptions = kinds.map((kind) =>
      kind === 'tasks'
        ? client.subscribe({ query: LiveTaskEventsDocument }).subscribe(observer)
        : kind === 'approvals'
          ? client.subscribe({ query: LiveApprovalEventsDocument }).subscribe(observer)
          : client
              .subscribe({ query: LivePeriodEventsDocument, variables: { periodId: periodId ?? null } })
              .subscribe(observer),
    );
    return () => {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      if (timer) clearTimeout(timer);
    };
  }, [client, key, periodId, settleMs]);
}
