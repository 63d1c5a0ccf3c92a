import type { ActivityInboundCallsInterceptor, ActivityInterceptorsFactory } from '@temporalio/worker';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import { REQUEST_ID_HEADER } from '../contract/request-id';
import { createLogger } from '../observability/logger';
import { acceptableRequestId, runWithRequestId } from '../observability/request-context';

const log = createLogger('activity');

/**
 * An activity runs under the request id its workflow handler received (workflows/interceptors.ts),
 * so its log lines and the HTTP request's share one id. Failures are logged here once per attempt;
 * refusals (non-retryable, a typed answer to the caller) only at debug level.
 */
export const activityRequestId: ActivityInterceptorsFactory = (context) => {
  const inbound: ActivityInboundCallsInterceptor = {
    execute: (input, next) => {
      const header = input.headers[REQUEST_ID_HEADER];
      const requestId = header ? acceptableRequestId(defaultPayloadConverter.fromPayload(header)) : undefined;
      const { activityType, attempt, workflowExecution } = context.info;
      const run = async () => {
        log.debug('activity started', { activityType, attempt, workflowId: workflowExecution?.workflowId });
        try {
          return await next(input);
        } catch (error) {
          const refusal = error instanceof ApplicationFailure && error.nonRetryable;
          log[refusal ? 'debug' : 'warn']('activity failed', {
            activityType,
            attempt,
            workflowId: workflowExecution?.workflowId,
            error,
          });
          throw error;
        }
      };
      return requestId ? runWithRequestId(requestId, run) : run();
    },
  };
  return { inbound };
};
