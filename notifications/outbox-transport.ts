import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StatementMessage, StatementTransport } from './statement-transport';

/**
 * Writes each message to a folder instead of mailing it: the default for the demo and the tests.
 * Named by message id, so a retried send overwrites rather than duplicates. Every file is written
 * whole or not at all (a temporary name, then a rename), attachments first and the message's .json
 * last: a reader that finds the .json finds every attachment complete, even after a full disk.
 */
export class OutboxTransport implements StatementTransport {
  constructor(private readonly folder: string) {}

  async send(message: StatementMessage): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const base = outboxBase(this.folder, message.messageId);
    const { attachments, ...headers } = message;
    for (const attachment of attachments) {
      await writeWhole(`${base}-${attachment.fileName}`, attachment.content);
    }
    await writeWhole(
      `${base}.json`,
      JSON.stringify({ ...headers, attachments: attachments.map((a) => a.fileName) }, null, 2),
    );
  }
}

async function writeWhole(file: string, content: string | Uint8Array): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    await writeFile(partial, content);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

const outboxBase = (folder: string, messageId: string) =>
  path.join(folder, messageId.replace(/[^A-Za-z0-9_.-]/g, '_'));

/** A message as the outbox holds it (headers and text; attachments by file name). */
export type OutboxMessage = Omit<StatementMessage, 'attachments'> & { attachments: string[] };

/** Reads back one message the outbox delivered: how the demo and the tests receive the customer's mail. */
export async function readOutboxMessage(folder: string, messageId: string): Promise<OutboxMessage> {
  return JSON.parse(await readFile(`${outboxBase(folder, messageId)}.json`, 'utf8')) as OutboxMessage;
}
