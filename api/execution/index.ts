/**
 * The execution fence: how a GraphQL request is executed fast, kept apart from what it means.
 *
 * Everything here is about speed, not about Recon: `/graphql` on Node's HTTP server straight into
 * Apollo (graphql-http.ts), operations compiled once by graphql-jit behind Apollo's gateway
 * interface (compiled-executor.ts), Apollo's per-request gateway context rebuilt without its
 * promotion-causing accessors (gateway-request-context.ts), and reading only the columns a query
 * shows (selection.ts, projection.ts), and the prepared path that answers a query text Apollo already
 * accepted without Apollo's per-request pipeline, with the same checks and answer (prepared-path.ts). Much of it leans on Apollo's and graphql-js's internals,
 * pinned by test/perf/.
 *
 * Why a fence: so that an Apollo or graphql-js upgrade, or dropping an optimisation, touches this
 * folder and nothing else, and no business rule ever lands here. The rule (eslint.config.mjs,
 * `executionFence`): only the API's entry, api/server.ts, imports the fence, and through this
 * index; the one door for resolvers is the read projection (selection.ts, projection.ts), which a
 * hot resolver needs to read only what is shown. Without the fence the API still answers the same,
 * only slower: behaviour is tested elsewhere, speed in test/perf/.
 */
export { CompiledOperations, compiledExecutorGateway } from './compiled-executor';
export { apolloPlugins, PreparedPath, preparedPathAllowed } from './prepared-path';
export { graphqlHttpHandler, type GraphqlHttpOptions } from './graphql-http';
