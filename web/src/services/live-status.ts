import { useSyncExternalStore } from 'react';

/**
 * The app's live socket as the pages see it: `idle` before any page follows events (the socket is
 * opened lazily), `connecting` for the first attempt, `live` while events flow, `offline` after a
 * drop until the socket is back (a page polls slowly meanwhile).
 */
export type LiveStatus = 'idle' | 'connecting' | 'live' | 'offline';

interface Snapshot {
  status: LiveStatus;
  /** Raised at every reconnection after a drop: events of the gap were missed, so pages read again. */
  reconnections: number;
}

let snapshot: Snapshot = { status: 'idle', reconnections: 0 };
const listeners = new Set<() => void>();

function update(next: Partial<Snapshot>) {
  snapshot = { ...snapshot, ...next };
  listeners.forEach((listener) => listener());
}

/** What the socket client reports (wired in services/apollo.ts). */
export const liveSocketEvents = {
  connecting: () => {
    // A retry after a drop stays "offline" until it succeeds.
    if (snapshot.status === 'idle') update({ status: 'connecting' });
  },
  connected: () =>
    update({
      status: 'live',
      reconnections: snapshot.reconnections + (snapshot.status === 'offline' ? 1 : 0),
    }),
  /** A close the client chose (the last page stopped following) is idle, any other a drop. */
  closed: (byClient: boolean) => update({ status: byClient ? 'idle' : 'offline' }),
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The socket's status and how often it came back, re-rendering on change. */
export function useLiveSocket(): Snapshot {
  return useSyncExternalStore(subscribe, () => snapshot);
}
