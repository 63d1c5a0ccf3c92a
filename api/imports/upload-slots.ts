/**
 * How many uploads a process receives at once, per caller and in all, and how many bytes their
 * temporary files may take together (UPLOAD_* configuration): each upload is on disk until it is
 * read, so without a bound a few callers sending large files at once fill the disk.
 */
export interface UploadLimits {
  readonly perProcess: number;
  readonly perCaller: number;
  /** Bytes reserved by the uploads being received, together (each reserves its most). */
  readonly tempBytes: number;
  /**
   * The pace a body must keep while it holds a slot: at least `minBytes` (or the rest of the
   * declared body) every `windowMs`, else the connection is closed and the slot freed.
   */
  readonly bodyPace?: BodyPace;
}

export interface BodyPace {
  readonly windowMs: number;
  readonly minBytes: number;
}

/**
 * 16 KiB every 10 s: a phone on a poor line sends far more. Before (#17 probe), a body that stalled
 * after its first bytes held its slot until Node's 5-minute request timeout, and two customers'
 * links holding two each kept every staff upload of the process refused, again and again.
 */
export const DEFAULT_BODY_PACE: BodyPace = { windowMs: 10_000, minBytes: 16 * 1024 };

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  perProcess: 4,
  perCaller: 2,
  tempBytes: 1024 * 1024 * 1024,
};

/** Which bound refused an upload. */
export type UploadLimitName = 'PER_PROCESS' | 'PER_CALLER' | 'TEMP_BYTES';

export interface UploadSlot {
  readonly taken: true;
  /** Gives the slot and its bytes back; safe to call more than once. */
  release(): void;
}

export interface UploadSlotRefusal {
  readonly taken: false;
  readonly limit: UploadLimitName;
  readonly message: string;
}

/**
 * The process's upload slots (pure bookkeeping, no I/O). An upload takes one before a byte of its
 * body is read, reserving the most its temporary file can hold (its declared length, else the file
 * limit), and releases it once the file is removed.
 */
export class UploadSlots {
  private running = 0;
  private reserved = 0;
  private readonly byCaller = new Map<string, number>();

  constructor(readonly limits: UploadLimits = DEFAULT_UPLOAD_LIMITS) {}

  take(caller: string, bytes: number): UploadSlot | UploadSlotRefusal {
    const mine = this.byCaller.get(caller) ?? 0;
    if (mine >= this.limits.perCaller)
      return {
        taken: false,
        limit: 'PER_CALLER',
        message: `you are already sending ${mine} files (at most ${this.limits.perCaller} at once): wait for one to finish`,
      };
    if (this.running >= this.limits.perProcess)
      return {
        taken: false,
        limit: 'PER_PROCESS',
        message: `the server is receiving ${this.running} files (at most ${this.limits.perProcess} at once): try again shortly`,
      };
    if (this.reserved + bytes > this.limits.tempBytes)
      return {
        taken: false,
        limit: 'TEMP_BYTES',
        message: `the files being received take the server's upload space (${this.limits.tempBytes} bytes): try again shortly`,
      };
    this.running += 1;
    this.reserved += bytes;
    this.byCaller.set(caller, mine + 1);
    let released = false;
    return {
      taken: true,
      release: () => {
        if (released) return;
        released = true;
        this.running -= 1;
        this.reserved -= bytes;
        const left = (this.byCaller.get(caller) ?? 1) - 1;
        if (left > 0) this.byCaller.set(caller, left);
        else this.byCaller.delete(caller);
      },
    };
  }

  /** Uploads being received and the bytes they reserve (for tests and metrics). */
  usage(): { running: number; reservedBytes: number } {
    return { running: this.running, reservedBytes: this.reserved };
  }
}

/** The most an upload's temporary file can hold: its declared body length, capped by the file limit. */
export function bytesToReserve(declaredLength: number, maxFileBytes: number): number {
  return Number.isFinite(declaredLength) && declaredLength > 0
    ? Math.min(declaredLength, maxFileBytes)
    : maxFileBytes;
}
