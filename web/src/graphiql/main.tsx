import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import './graphiql-page.css';

/**
 * GraphiQL for integrators in a browser, bundled with the web app (nothing from another origin):
 * queries and mutations on POST /graphql with the session cookie and the app's CSRF header, or an
 * Authorization header set in its Headers pane; subscriptions on the same-origin WebSocket.
 */
const liveUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  subscriptionUrl: liveUrl,
  headers: { 'x-recon-csrf': '1' },
});

const DEFAULT_QUERY = `# Recon's GraphQL API. Sign in to the web app first, or add
# {"Authorization": "Bearer <token or API key>"} in Headers below.
query Me {
  me {
    kind
    name
    role
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
  </StrictMode>,
);
