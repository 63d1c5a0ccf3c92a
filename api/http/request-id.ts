import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpRequestSeconds, routeLabel, statusClass } from '../../observability/metrics';
import { acceptableRequestId, runWithRequestId } from '../../observability/request-context';

/**
 * Every request gets an id: the caller's X-Request-Id when it is a sane one (a proxy or an
 * integrator tracing its own calls), else a fresh UUID. The answer carries it back in X-Request-Id,
 * and everything the request does (resolvers, log lines, the workflow Updates and activities it
 * causes) runs with it.
 */
export function withRequestId(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const requestId = acceptableRequestId(req.headers['x-request-id']) ?? randomUUID();
  res.setHeader('X-Request-Id', requestId);
  runWithRequestId(requestId, handle);
}

/** Times the request into recon_http_request_duration_seconds when its answer is sent (or abandoned). */
export function measureRequest(req: IncomingMessage, res: ServerResponse): void {
  const started = process.hrtime.bigint();
  const observe = (status: string) =>
    httpRequestSeconds.observe(
      {
        route: routeLabel(req.url ?? '/'),
        method: ['GET', 'POST', 'HEAD', 'OPTIONS'].includes(req.method ?? '') ? req.method! : 'other',
        status,
      },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  res.once('finish', () => observe(statusClass(res.statusCode)));
  res.once('close', () => {
    if (!res.writableFinished) observe('aborted');
  });
}
