import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { CSRF_HEADERS } from './csrf';
import { earlyReads } from './early-reads-link';
import { liveSocketEvents } from './live-status';
import { refusalOf } from './refusals';

/**
 * Operations that may legitimately answer UNAUTHENTICATED without meaning "your session ended"
 * (a wrong password, or a wrong code at the sign-in's second step or a step-up).
 */
const SESSION_OPERATIONS = new Set(['CurrentUser', 'SignIn', 'CompleteSignIn', 'SignOut', 'StepUp']);

/** Pages that follow events one after the other (navigation) share one socket in this gap. */
const LIVE_LINGER_MS = 5_000;

/** The API's WebSocket for subscriptions: same origin, so the browser sends the session cookie. */
const liveUrl = () =>
  `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;

const isSubscription = (operation: ApolloLink.Operation) => {
  const definition = getMainDefinition(operation.query);
  return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
};

/**
 * One client for the app: same-origin /graphql with the session cookie (http-only: scripts never
 * see it); subscriptions over a WebSocket to the same address, opened when a page first subscribes
 * and reopened after a drop (a page refetches what it shows when it resubscribes). When any other operation answers UNAUTHENTICATED the session has ended (expired, signed
 * out elsewhere, user deactivated): `onSessionEnded` sends the user to the sign-in page.
 */
export function createApolloClient(onSessionEnded: () => void): ApolloClient {
  const sessionWatch = new ErrorLink(({ error, operation }) => {
    if (SESSION_OPERATIONS.has(operation.operationName ?? '')) return;
    if (refusalOf(error).code === 'UNAUTHENTICATED') onSessionEnded();
  });
  const http = new HttpLink({ uri: '/graphql', credentials: 'same-origin', headers: CSRF_HEADERS });
  const live = new GraphQLWsLink(
    createClient({
      url: liveUrl(),
      lazy: true,
      lazyCloseTimeout: LIVE_LINGER_MS,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        connecting: liveSocketEvents.connecting,
        connected: liveSocketEvents.connected,
        // 1000: the client closed it (no page follows events any more); anything else is a drop.
        closed: (event) => liveSocketEvents.closed((event as { code?: number } | undefined)?.code === 1000),
      },
    }),
  );
  return new ApolloClient({
    link: ApolloLink.from([
      sessionWatch,
      ApolloLink.split(isSubscription, live, ApolloLink.from([earlyReads, http])),
    ]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
