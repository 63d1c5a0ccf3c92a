import type { WorkflowClientInterceptor } from '@temporalio/client';
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import { REQUEST_ID_HEADER } from '../contract/request-id';
import { currentRequestId } from '../observability/request-context';

const withRequestId = (headers: Headers): Headers => {
  const requestId = currentRequestId();
  return requestId
    ? { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) }
    : headers;
};

/**
 * Every workflow start, Signal and Update this client sends carries the current request's id, so the
 * activities they cause log under the same id as the HTTP request (docs/operations.md).
 */
export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startWithDetails: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  startUpdateWithStart: (input, next) =>
    next({
      ...input,
      workflowStartHeaders: withRequestId(input.workflowStartHeaders),
      updateHeaders: withRequestId(input.updateHeaders),
    }),
  signal: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: withRequestId(input.headers) }),
};
