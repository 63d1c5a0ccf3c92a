// Workflow interceptors (bundled with the workflows: Worker.create interceptors.workflowModules).
import {
  AsyncLocalStorage,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
  type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';
import type { Headers } from '@temporalio/common';
import { REQUEST_ID_HEADER } from '../contract/request-id';

/** The request-id header of the start, Signal or Update whose handler is running. */
const current = new AsyncLocalStorage<Headers[string]>();

const inbound: WorkflowInboundCallsInterceptor = {
  execute: (input, next) => current.run(input.headers[REQUEST_ID_HEADER], () => next(input)),
  handleSignal: (input, next) => current.run(input.headers[REQUEST_ID_HEADER], () => next(input)),
  handleUpdate: (input, next) => current.run(input.headers[REQUEST_ID_HEADER], () => next(input)),
};

/**
 * An activity carries on the request id of the handler that scheduled it. Headers are not part of
 * the commands a replay compares, so histories recorded before this still replay.
 */
const withRequestId = (headers: Headers): Headers => {
  const requestId = current.getStore();
  return requestId ? { ...headers, [REQUEST_ID_HEADER]: requestId } : headers;
};

const outbound: WorkflowOutboundCallsInterceptor = {
  scheduleActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  scheduleLocalActivity: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
};

export const interceptors = (): WorkflowInterceptors => ({ inbound: [inbound], outbound: [outbound] });
