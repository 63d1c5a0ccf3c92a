import type { AuditTail, TailedAuditEvent } from '../../audit/audit-tail';
import type { Principal } from '../../auth/principal';
import { mayOnlyEnrol } from '../../auth/policy';
import { ApiError, ApiErrorCode } from '../api-error';

/** One item of a live stream: an event, or the refusal that ends the stream. */
export type Delivery<T> = { event: T } | { refused: ApiError };

/** A subscriber's connection: the bus it listens to, and who it is now (asked again per batch). */
export interface LiveConnection {
  tail: AuditTail;
  /** Authenticates the connection's credentials again: a session signed out, a key revoked → null. */
  principalNow(): Promise<Principal | null>;
}

export interface LiveStreamSpec<T> {
  /** The events of this stream among the audit log's, or undefined. */
  pick(event: TailedAuditEvent): T | undefined;
  /** Whether the caller may subscribe at all; checked at subscribe time and again per batch. */
  allowed(principal: Principal): boolean;
  /** Whether this caller may see this event (e.g. a task of one of its queues); all by default. */
  visible?(principal: Principal, events: T[]): Promise<T[]>;
}

/** Events waiting for a slow subscriber beyond this end its stream (it resubscribes and refetches). */
const MAX_BUFFERED = 1000;

/**
 * An async iterator over the live events of one subscription. For each batch of the audit tail
 * that holds events of this stream, the connection's credentials are checked again (a session
 * ended, a role changed, a key revoked) and the permission re-evaluated before anything is
 * delivered; a caller who lost the right gets one refusal and the stream ends.
 */
export function liveStream<T>(
  connection: LiveConnection,
  spec: LiveStreamSpec<T>,
): AsyncIterableIterator<Delivery<T>> {
  const buffer: Array<Delivery<T>> = [];
  let waiting: ((result: IteratorResult<Delivery<T>>) => void) | undefined;
  let ended = false;
  let chain = Promise.resolve();

  const push = (item: Delivery<T>) => {
    if (ended) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve({ value: item, done: false });
    } else if (buffer.length < MAX_BUFFERED) buffer.push(item);
    else finish(new ApiError(ApiErrorCode.WRONG_STATE, 'too many events waiting: subscribe again'));
  };

  const finish = (refusal?: ApiError) => {
    if (ended) return;
    ended = true;
    if (refusal) {
      // The refusal is delivered even past the buffer's limit: it is the last item.
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: { refused: refusal }, done: false });
      } else buffer.push({ refused: refusal });
    }
    stopListening();
    if (waiting && buffer.length === 0) waiting({ value: undefined, done: true });
  };

  const deliver = async (batch: TailedAuditEvent[]) => {
    const events = batch.map((event) => spec.pick(event)).filter((event): event is T => event !== undefined);
    if (events.length === 0 || ended) return;
    const principal = await connection.principalNow().catch(() => null);
    if (!principal)
      return finish(new ApiError(ApiErrorCode.UNAUTHENTICATED, 'the session or key is no longer valid'));
    if (mayOnlyEnrol(principal))
      return finish(
        new ApiError(
          ApiErrorCode.TWO_FACTOR_ENROLMENT_REQUIRED,
          'your role requires two-factor sign-in now: enrol first',
        ),
      );
    if (!spec.allowed(principal)) return finish(new ApiError(ApiErrorCode.FORBIDDEN, 'not allowed any more'));
    const visible = spec.visible ? await spec.visible(principal, events) : events;
    for (const event of visible) push({ event });
  };

  // Batches are handled one after the other: events keep the log's order.
  const stopListening = connection.tail.listen((batch) => {
    chain = chain
      .then(() => deliver(batch))
      .catch((error: unknown) => {
        console.error('live events: delivering failed', error);
        finish(new ApiError(ApiErrorCode.INTERNAL, 'internal error'));
      });
  });

  return {
    next() {
      const item = buffer.shift();
      if (item) return Promise.resolve({ value: item, done: false });
      if (ended) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      finish();
      buffer.length = 0;
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      finish();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The subscription's `resolve`: an event as is, a refusal as the GraphQL error it is. */
export function unwrapDelivery<T>(delivery: Delivery<T>): T {
  if ('refused' in delivery) throw delivery.refused;
  return delivery.event;
}
