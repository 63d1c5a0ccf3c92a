import { useApolloClient } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import {
  LiveApprovalEventsDocument,
  LiveCreditEventsDocument,
  LivePeriodEventsDocument,
  LiveTaskEventsDocument,
} from './live.generated';
import type { LiveEventSeen, LiveRefetch } from './live-event';
import { useLiveSocket } from './live-status';

export type { LiveEventSeen, LiveRefetch };

/** What a page can follow live: its tasks, one period (or all), approvals, credit. */
export type LiveEvents = 'tasks' | 'period' | 'approvals' | 'credit';

export interface LiveRefetchOptions {
  /** With 'period': this period only (else every period the user may see). */
  periodId?: string;
  /** Events that arrive together refetch once, this long after the first (ms). */
  settleMs?: number;
  /** Events whose action starts with one of these change nothing the page shows (e.g. 'task.'). */
  ignoreActions?: readonly string[];
}

/**
 * Refetches when something the page shows changes on the server: a task claimed by a colleague,
 * the workflow moving the period on, an approval decided. Subscriptions travel over the app's
 * WebSocket (same origin, the session cookie); a burst of events refetches once. Answers whether
 * every stream is still open: a refusal (signed out, not allowed) ends one, and the page keeps what
 * it shows.
 */
export function useLiveRefetch(
  events: readonly LiveEvents[],
  refetch: LiveRefetch,
  options: LiveRefetchOptions = {},
): boolean {
  const client = useApolloClient();
  const latestRefetch = useRef(refetch);
  useEffect(() => {
    latestRefetch.current = refetch;
  }, [refetch]);
  const { periodId, settleMs = 250, ignoreActions = [] } = options;
  const key = [...new Set(events)].sort().join(',');
  const ignored = ignoreActions.join('|');
  const streams = `${key}|${periodId ?? ''}`;
  const [ended, setEnded] = useState<string>();

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // undefined: an event came without its id (then the page reads again whatever it did itself).
    let burst: LiveEventSeen[] | undefined = [];
    const prefixes = ignored.split('|').filter(Boolean);
    const changed = (result: { data?: unknown }) => {
      const event = Object.values((result.data ?? {}) as Record<string, Partial<LiveEventSeen> | null>)[0];
      if (event?.action && prefixes.some((prefix) => event.action!.startsWith(prefix))) return;
      if (event?.id && event.action)
        burst?.push({ id: event.id, action: event.action, taskId: event.taskId });
      else burst = undefined;
      timer ??= setTimeout(() => {
        timer = undefined;
        const events = burst;
        burst = [];
        void latestRefetch.current(events);
      }, settleMs);
    };
    const kinds = key.split(',').filter(Boolean) as LiveEvents[];
    const end = () => setEnded(`${key}|${periodId ?? ''}`);
    const observer = { next: changed, error: end, complete: end };
    const subscriptions = kinds.map((kind) =>
      kind === 'tasks'
        ? client.subscribe({ query: LiveTaskEventsDocument }).subscribe(observer)
        : kind === 'approvals'
          ? client.subscribe({ query: LiveApprovalEventsDocument }).subscribe(observer)
          : kind === 'credit'
            ? client.subscribe({ query: LiveCreditEventsDocument }).subscribe(observer)
            : client
                .subscribe({ query: LivePeriodEventsDocument, variables: { periodId: periodId ?? null } })
                .subscribe(observer),
    );
    return () => {
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      if (timer) clearTimeout(timer);
    };
  }, [client, key, periodId, settleMs, ignored]);
  return ended !== streams;
}

/** How often a page reads again while it cannot follow events (the socket is down). */
export const LIVE_FALLBACK_POLL_MS = 30_000;

/** What the page's indicator shows. */
export type LiveState = 'live' | 'connecting' | 'offline';

/**
 * Keeps a page current: live through the subscriptions while the socket is up; when it is down (or
 * a stream was refused) a slow poll instead; and one read after the socket comes back, for the
 * events of the gap. Answers the state for the page's indicator.
 */
export function useLiveUpdates(
  events: readonly LiveEvents[],
  refetch: LiveRefetch,
  options: LiveRefetchOptions & { fallbackPollMs?: number } = {},
): LiveState {
  const following = useLiveRefetch(events, refetch, options);
  const socket = useLiveSocket();
  const state: LiveState = !following
    ? 'offline'
    : socket.status === 'live'
      ? 'live'
      : socket.status === 'offline'
        ? 'offline'
        : 'connecting';
  const latestRefetch = useRef(refetch);
  useEffect(() => {
    latestRefetch.current = refetch;
  }, [refetch]);

  const { fallbackPollMs = LIVE_FALLBACK_POLL_MS } = options;
  const polling = state !== 'live';
  useEffect(() => {
    if (!polling) return;
    const timer = window.setInterval(() => void latestRefetch.current(), fallbackPollMs);
    return () => window.clearInterval(timer);
  }, [polling, fallbackPollMs]);

  const seenReconnections = useRef(socket.reconnections);
  useEffect(() => {
    if (socket.reconnections === seenReconnections.current) return;
    seenReconnections.current = socket.reconnections;
    void latestRefetch.current();
  }, [socket.reconnections]);
  return state;
}
