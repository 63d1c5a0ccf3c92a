import { ApolloLink } from '@apollo/client';
import { Observable } from 'rxjs';
import { takeEarlyRead } from './early-reads';

/**
 * A query the page's first script already sent (services/early-reads.ts) is answered from that
 * read, once, instead of being sent again; a read that failed (network, HTTP status) is sent as
 * usual. Its answer is the API's JSON, as the HTTP link would give it, so errors and the cache
 * take their ordinary path.
 */
export const earlyReads = new ApolloLink((operation, forward) => {
  const early =
    operation.operationType === 'query' && operation.operationName
      ? takeEarlyRead(operation.operationName, operation.variables)
      : undefined;
  if (!early) return forward(operation);
  return new Observable<ApolloLink.Result>((observer) => {
    let sent: { unsubscribe(): void } | undefined;
    let closed = false;
    early.then(
      (answer) => {
        if (closed) return;
        observer.next(answer as ApolloLink.Result);
        observer.complete();
      },
      () => {
        if (!closed) sent = forward(operation).subscribe(observer);
      },
    );
    return () => {
      closed = true;
      sent?.unsubscribe();
    };
  });
});
