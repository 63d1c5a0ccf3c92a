import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { DEFAULT_BODY_PACE, type BodyPace } from './upload-slots';

/** The file part of an upload, on disk: the parse thread reads it from there, never from memory. */
export interface ReceivedFile {
  /** As the client named it (for messages and the audit; never part of a path). */
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ReceivedUpload {
  readonly fields: Record<string, string>;
  /** Absent when the body had no file part (or the file went over the limit). */
  readonly file?: ReceivedFile;
  /** The file went over `maxFileBytes`: its bytes past the limit were read and dropped. */
  readonly tooLarge: boolean;
  /** Bytes of the file part read (up to the limit). */
  readonly bytesRead: number;
}

/** The body is not the multipart form it says it is (no boundary, cut short, garbled): BAD_REQUEST. */
export class UploadMalformedError extends Error {
  override readonly name = 'UploadMalformedError';
}

/** The client went away before the body ended: nothing to answer. */
export class UploadAbortedError extends Error {
  override readonly name = 'UploadAbortedError';
}

/**
 * Streams a multipart body's one file part into a fresh folder under `dir` (64 KiB at a time, with
 * backpressure: memory stays bounded whatever the size), hashing it on the way. `receive` resolves
 * once the body is read; `discard` removes the folder and is safe to call on every path (success,
 * refusal, abort, error) and more than once.
 */
export class UploadReceiver {
  private folder: string | undefined;
  /** What has been read so far: all an aborted upload leaves to audit. */
  readonly progress: { fields: Record<string, string>; fileName: string | null; bytesRead: number } = {
    fields: {},
    fileName: null,
    bytesRead: 0,
  };

  constructor(
    private readonly dir: string,
    private readonly maxFileBytes: number,
    private readonly pace: BodyPace = DEFAULT_BODY_PACE,
  ) {}

  async receive(req: Request): Promise<ReceivedUpload> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    this.folder = await mkdtemp(path.join(this.dir, 'upload-'));
    const target = path.join(this.folder, 'file');
    return new Promise<ReceivedUpload>((resolve, reject) => {
      const progress = this.progress;
      const fields = progress.fields;
      let file: ReceivedFile | undefined;
      let tooLarge = false;
      let writing: Promise<void> | undefined;
      let fileStream: (NodeJS.ReadableStream & { destroy(error?: Error): void }) | undefined;
      let settled = false;
      // A body that stalls or trickles would hold its upload slot until Node's request timeout
      // (5 minutes), again and again: below the pace, the connection is closed (as an abort).
      const declared = Number(req.headers['content-length']);
      let received = 0;
      let checked = 0;
      req.on('data', (chunk: Buffer) => (received += chunk.length));
      const pacing = setInterval(() => {
        const owed = Number.isFinite(declared) ? Math.max(0, declared - checked) : Infinity;
        const sent = received - checked;
        checked = received;
        if (sent < Math.min(this.pace.minBytes, owed)) {
          fail(
            new UploadAbortedError(
              `the body came slower than ${this.pace.minBytes} bytes in ${this.pace.windowMs} ms (${sent})`,
            ),
          );
          req.destroy();
        }
      }, this.pace.windowMs);
      pacing.unref();
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearInterval(pacing);
        req.unpipe();
        // Ends the write to disk too (pipeline closes its file), so the folder can go.
        fileStream?.destroy();
        reject(error instanceof Error ? error : new Error(String(error)));
      };
      // An aborted request never ends the parser: this ends the wait (and the caller cleans up).
      req.on('close', () => {
        if (!req.complete) fail(new UploadAbortedError('the client closed the connection mid-upload'));
      });
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          limits: { fileSize: this.maxFileBytes, files: 1, fields: 20, fieldSize: 256 * 1024 },
          // Browsers send a file name as raw UTF-8 bytes; busboy reads them as latin1 by default.
          defParamCharset: 'utf8',
        });
      } catch (error) {
        fail(malformed(error));
        return;
      }
      parser.on('field', (name, value) => (fields[name] = value));
      parser.on('file', (_name, stream, info) => {
        fileStream = stream;
        progress.fileName = info.filename || 'upload';
        const hash = createHash('sha256');
        const measure = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            progress.bytesRead += chunk.length;
            hash.update(chunk);
            done(null, chunk);
          },
        });
        stream.on('limit', () => (tooLarge = true));
        writing = pipeline(stream, measure, createWriteStream(target, { mode: 0o600 })).then(() => {
          if (!tooLarge)
            file = {
              name: info.filename || 'upload',
              path: target,
              bytes: progress.bytesRead,
              sha256: hash.digest('hex'),
            };
        });
        writing.catch(fail);
      });
      parser.on('error', (error) => fail(malformed(error)));
      parser.on('close', () => {
        void (writing ?? Promise.resolve()).then(() => {
          if (settled) return;
          settled = true;
          clearInterval(pacing);
          resolve({ fields, ...(file ? { file } : {}), tooLarge, bytesRead: progress.bytesRead });
        }, fail);
      });
      req.pipe(parser);
    });
  }

  /** Removes the upload's folder and everything in it. */
  async discard(): Promise<void> {
    const folder = this.folder;
    this.folder = undefined;
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}

function malformed(error: unknown): UploadMalformedError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UploadMalformedError(`the multipart body cannot be read: ${reason}`);
}
