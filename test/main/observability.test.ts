import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { RunningApi } from '../../api/server';
import { registerDomainGauges } from '../../api/metrics/domain-gauges';
import { startMetricsServer, type MetricsServer } from '../../api/metrics/metrics-server';
import { PeriodStatus, UserRole } from '../../contract/enums';
import { REQUEST_ID_HEADER } from '../../contract/request-id';
import { Difference } from '../../entities/difference.entity';
import { captureLogs, configureLogging, redact } from '../../observability/logger';
import { registry } from '../../observability/metrics';
import { PeriodService } from '../../periods/period.service';
import { requestIdClientInterceptor } from '../../temporal/request-id-interceptor';
import { seedCustomer, type Line } from '../support/fixtures';
import { staffTokens, startHarnessApi } from '../support/harness-api';
import { startPeriodHarness, type PeriodHarness } from '../support/period-harness';

/** Issue #20 "Metrics and logs", against the real stack: MariaDB, Temporal, the API over HTTP. */
describe('request ids, structured logs and /metrics', () => {
  let h: PeriodHarness;
  let api: RunningApi;
  let metrics: MetricsServer;
  let client: Client;
  const bearer: Record<string, string> = {};
  const lines: string[] = [];
  let restoreLogs: () => void;

  beforeAll(async () => {
    h = await startPeriodHarness('observability');
    // The API's client as bootRecon builds it: every start, Signal and Update carries the request id.
    client = new Client({
      connection: h.env.connection,
      namespace: 'default',
      interceptors: { workflow: [requestIdClientInterceptor] },
    });
    api = await startHarnessApi(h, { periods: new PeriodService(h.db.dataSource, client, h.taskQueue) });
    Object.assign(
      bearer,
      await staffTokens(h.db.dataSource, [
        ['clerk', UserRole.CLERK],
        ['auditor', UserRole.AUDITOR],
      ]),
    );
    registerDomainGauges(registry, h.db.dataSource);
    metrics = await startMetricsServer({ host: '127.0.0.1', port: 0 });
    configureLogging({ level: 'debug', format: 'json' });
    restoreLogs = captureLogs((line) => lines.push(line));
  });

  afterAll(async () => {
    restoreLogs?.();
    configureLogging({ level: 'info', format: 'json' });
    await metrics?.stop();
    await api?.stop();
    await h?.stop();
  });

  const post = (body: object, headers: Record<string, string> = {}) =>
    fetch(api.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('carries the caller’s request id from the HTTP request through the workflow into its activities', async () => {
    const invoice: Line = { id: 'i1', date: '2026-10-05', ref: 'INV-7', kind: 'INVOICE', amount: '500.00' };
    const fee: Line = { id: 'f1', date: '2026-10-06', ref: 'FEE-7', kind: 'OTHER', amount: '-8.50' };
    await seedCustomer(h.db.dataSource, 'OBS', [invoice], [invoice, fee]);
    const { workflowId, period } = await h.periods.openPeriod('OBS', '2026-10-01', '2026-10-31');
    await h.waitForStatus(workflowId, PeriodStatus.IN_REVIEW);
    const [difference] = await h.db.dataSource.getRepository(Difference).findBy({ periodId: period.id });

    const requestId = 'trace-obs-0001';
    const response = await post(
      {
        query: `mutation Propose($p: ID!, $d: ID) { proposeAdjustment(periodId: $p, amount: "-8.50", entryDate: "2026-10-31", reason: "bank fee", differenceId: $d) { entityId } }`,
        variables: { p: period.id, d: difference.id },
        operationName: 'Propose',
      },
      { authorization: bearer.clerk, 'x-request-id': requestId },
    );
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    // The Update's activities were scheduled with the id in their headers …
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const carried = (history.events ?? [])
      .map((event) => event.activityTaskScheduledEventAttributes?.header?.fields?.[REQUEST_ID_HEADER])
      .filter((payload) => payload != null)
      .map((payload) => defaultPayloadConverter.fromPayload(payload!));
    expect(carried.length).toBeGreaterThan(0);
    expect(new Set(carried)).toEqual(new Set([requestId]));
    // … and the activities logged under it (one JSON object per line).
    const activityLines = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.component === 'activity' && entry.requestId === requestId);
    expect(activityLines.length).toBeGreaterThan(0);
    expect(activityLines[0]).toMatchObject({ level: 'debug', msg: 'activity started', workflowId });
  });

  it('answers with a fresh id when the caller gives none or a malformed one', async () => {
    const none = await post({ query: '{ me { id } }' }, { authorization: bearer.clerk });
    expect(none.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await post({ query: '{ me { id } }' }, { 'x-request-id': 'has spaces "and quotes"' });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs no secret: tokens, passwords and database passwords are redacted by key and by shape', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl';
    const safe = JSON.stringify(
      redact({
        headers: { authorization: `Bearer ${token}`, cookie: 'recon_session=abc' },
        password: 'hunter2-hunter2',
        note: `called with Bearer ${token} from mysql://recon:s3cret@db/recon and /confirm?token=abcdef123456`,
        error: new Error(`login failed for password=hunter2 at smtp://mailer:pw123@mail:25`),
      }),
    );
    for (const secret of [token, 'hunter2', 's3cret', 'abcdef123456', 'recon_session=abc', 'pw123'])
      expect(safe).not.toContain(secret);
    expect(safe).toContain('[redacted]');
  });

  it('serves Prometheus metrics: operations, errors by code, requests, and the database’s gauges', async () => {
    // An auditor may not propose: one FORBIDDEN counted under the operation's name.
    await post(
      {
        query: `mutation Refused { proposeAdjustment(periodId: "1", amount: "1.00", entryDate: "2026-10-31", reason: "x") { entityId } }`,
      },
      { authorization: bearer.auditor },
    );
    // A hostile operation name is bucketed, never a label of its own.
    await post({ query: `query ${'x'.repeat(80)} { me { id } }` }, { authorization: bearer.clerk });

    const response = await fetch(metrics.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const value = (pattern: RegExp) => Number(text.match(pattern)?.[1] ?? NaN);

    expect(
      value(
        /recon_graphql_operation_duration_seconds_count\{operation="Propose",type="mutation",outcome="ok"\} (\d+)/,
      ),
    ).toBe(1);
    expect(
      value(
        /recon_graphql_operation_duration_seconds_count\{operation="Refused",type="mutation",outcome="error"\} (\d+)/,
      ),
    ).toBe(1);
    expect(value(/recon_api_errors_total\{code="FORBIDDEN",path="graphql"\} (\d+)/)).toBeGreaterThanOrEqual(
      1,
    );
    expect(text).not.toContain('x'.repeat(80));
    expect(
      value(
        /recon_http_request_duration_seconds_count\{route="\/graphql",method="POST",status="2xx"\} (\d+)/,
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(value(/recon_periods\{status="IN_REVIEW"\} (\d+)/)).toBe(1);
    expect(text).toMatch(/recon_tasks_open\{kind="[A-Z_]+"\} \d+/);
    expect(text).toMatch(/recon_task_oldest_open_age_seconds\{kind="[A-Z_]+"\} \d+/);
    expect(text).toContain('recon_process_nodejs_eventloop_lag_seconds');
    expect((await fetch(metrics.url.replace('/metrics', '/other'))).status).toBe(404);
  });
});
