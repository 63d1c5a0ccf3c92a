import http from 'node:http';
import type { AddressInfo } from 'node:net';
import cluster from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import { registry } from '../../observability/metrics';

export interface MetricsServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * `/metrics` for Prometheus on an admin port of its own (METRICS_PORT, bound to METRICS_HOST,
 * 127.0.0.1 unless set): not on the public port, so no token is needed and none can leak. In a
 * cluster (API_PROCESSES > 1) the supervisor serves it, summing its processes' counters.
 */
export async function startMetricsServer(options: { host: string; port: number }): Promise<MetricsServer> {
  const aggregated = cluster.isPrimary && Object.keys(cluster.workers ?? {}).length > 0;
  const aggregator = aggregated ? new AggregatorRegistry() : undefined;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('GET /metrics\n');
      return;
    }
    const body = aggregator ? aggregator.clusterMetrics() : registry.metrics();
    body.then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: unknown) =>
        res
          .writeHead(500, { 'Content-Type': 'text/plain' })
          .end(`metrics failed: ${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`cannot listen on ${options.host}:${options.port} for /metrics: ${error.message}`)),
    );
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/metrics`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An API process of a cluster answers its supervisor's metric requests from its own registry. */
export function shareMetricsWithSupervisor(): void {
  if (cluster.isWorker) AggregatorRegistry.setRegistries([registry]);
}
