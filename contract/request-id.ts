/**
 * The Temporal header that carries the id of the request that caused a workflow start, Signal or
 * Update on to the activities it runs (temporal/request-id-interceptor.ts sets it, workflows/
 * interceptors.ts passes it on, worker/activity-request-id.ts puts it into the activity's logs).
 */
export const REQUEST_ID_HEADER = 'recon-request-id';
