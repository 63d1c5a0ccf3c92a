import busboy from 'busboy';
import type { Request } from 'express';

export interface Upload {
  fields: Record<string, string>;
  file?: { name: string; buffer: Buffer };
  tooLarge: boolean;
}

/** Reads a multipart body into memory, stopping (and flagging) at the size limit. */
export function readMultipart(req: Request, maxFileBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const upload: Upload = { fields: {}, tooLarge: false };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxFileBytes, files: 1, fields: 20, fieldSize: 256 * 1024 },
      });
    } catch (error) {
      reject(error);
      return;
    }
    parser.on('field', (name, value) => (upload.fields[name] = value));
    parser.on('file', (_name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (upload.tooLarge = true));
      stream.on(
        'end',
        () => (upload.file = { name: info.filename || 'upload', buffer: Buffer.concat(chunks) }),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(upload));
    req.pipe(parser);
  });
}
