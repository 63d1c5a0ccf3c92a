import type { LiveEventSeen } from './live-event';

const idOf = (event: LiveEventSeen) => BigInt(event.id);

/**
 * Which live events a page's reads already show, so that the clerk's own action reads the page
 * once and not twice (once for its answer, once more when its own event arrives live). The live
 * events come from the committed audit log in id order, so an event delivered before a read starts
 * is in that read; an action's answer names the log's head (`eventsThrough`), and everything up to
 * it is in the read that follows the answer. Pure: the page calls it, it does no I/O.
 */
export class EventWatermark {
  /** Every event up to this id is in the page's latest read (or the one under way). */
  private through = 0n;
  /** The highest event id delivered so far. */
  private delivered = 0n;
  /** Something changed that no event id describes (the socket came back, the slow poll). */
  private unknown = false;

  /** A burst arrived (undefined: changes without ids); true when some of it is not yet read. */
  arrived(events: readonly LiveEventSeen[] | undefined): boolean {
    if (!events) {
      this.unknown = true;
      return true;
    }
    for (const event of events) if (idOf(event) > this.delivered) this.delivered = idOf(event);
    return events.some((event) => idOf(event) > this.through);
  }

  /** A read starts now: it shows every event delivered so far. */
  readStarts(): void {
    if (this.delivered > this.through) this.through = this.delivered;
    this.unknown = false;
  }

  /** The page's own action answered with the log's head: the next read shows every event to it. */
  actionAnswered(eventsThrough: string | undefined): void {
    if (eventsThrough === undefined) return;
    const head = BigInt(eventsThrough);
    if (head > this.through) this.through = head;
  }

  /** Whether something arrived that the latest read may not show (read again). */
  behind(): boolean {
    return this.unknown || this.delivered > this.through;
  }
}
