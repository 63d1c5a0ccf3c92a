import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { refusalOf } from './refusals';

/**
 * The app's header on every request: a page of another origin cannot send it without a CORS
 * preflight, which the API never grants (see docs/security.md, "Browser sessions").
 */
export const CSRF_HEADERS = { 'x-recon-csrf': '1' } as const;

/** Operations that may legitimately answer UNAUTHENTICATED without meaning "your session ended". */
const SESSION_OPERATIONS = new Set(['CurrentUser', 'SignIn', 'SignOut']);

/**
 * One client for the app: same-origin /graphql with the session cookie (http-only: scripts never
 * see it). When any other operation answers UNAUTHENTICATED the session has ended (expired, signed
 * out elsewhere, user deactivated): `onSessionEnded` sends the user to the sign-in page.
 */
export function createApolloClient(onSessionEnded: () => void): ApolloClient {
  const sessionWatch = new ErrorLink(({ error, operation }) => {
    if (SESSION_OPERATIONS.has(operation.operationName ?? '')) return;
    if (refusalOf(error).code === 'UNAUTHENTICATED') onSessionEnded();
  });
  const http = new HttpLink({ uri: '/graphql', credentials: 'same-origin', headers: CSRF_HEADERS });
  return new ApolloClient({
    link: ApolloLink.from([sessionWatch, http]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
