import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Recon's Prometheus metrics, one registry per process (each API process of a cluster is scraped
 * on its own). Labels take values from fixed sets or from bounded, cleaned names: a caller choosing
 * operation names must not be able to grow the registry without end.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'recon_process_' });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const httpRequestSeconds = new Histogram({
  name: 'recon_http_request_duration_seconds',
  help: 'HTTP requests by route family, method and status class, from first byte in to last byte out.',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const graphqlOperationSeconds = new Histogram({
  name: 'recon_graphql_operation_duration_seconds',
  help: 'GraphQL operations by name and type (query, mutation, subscription), parse to response.',
  labelNames: ['operation', 'type', 'outcome'] as const,
  buckets: SECONDS,
  registers: [registry],
});

export const graphqlPrepared = new Counter({
  name: 'recon_graphql_prepared_total',
  help: "GraphQL queries answered on the prepared path: a query text Apollo already accepted, without Apollo's per-request pipeline.",
  registers: [registry],
});

export const apiErrors = new Counter({
  name: 'recon_api_errors_total',
  help: 'Errors answered by the API, by code (the codes of docs/errors.md) and path (graphql, reports, uploads).',
  labelNames: ['code', 'path'] as const,
  registers: [registry],
});

export const importRows = new Counter({
  name: 'recon_import_rows_total',
  help: 'Statement and ledger rows read by imports, by outcome (accepted, rejected).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const importSeconds = new Histogram({
  name: 'recon_import_duration_seconds',
  help: 'Time to read, check and store one imported file; rows/s is recon_import_rows_total over this.',
  buckets: SECONDS,
  registers: [registry],
});

/** At most this many distinct operation names; the rest are counted as "other". */
const MAX_OPERATION_NAMES = 200;
const seenOperations = new Set<string>();

/** A GraphQL operation name fit for a label: a GraphQL name, known or within the cap; else a bucket. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'invalid';
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
  seenOperations.add(name);
  return name;
}

/** The route family of a path: a fixed set, never the path itself (ids and tokens stay out of labels). */
export function routeLabel(path: string): string {
  const clean = path.split('?')[0];
  if (clean === '/graphql' || clean.startsWith('/graphql/')) return '/graphql';
  if (clean === '/health') return '/health';
  if (clean.startsWith('/reports/')) return '/reports';
  if (clean.startsWith('/imports/')) return '/imports';
  if (clean.startsWith('/assets/')) return '/assets';
  return 'web';
}

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
