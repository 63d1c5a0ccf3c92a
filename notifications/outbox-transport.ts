import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StatementMessage, StatementTransport } from './statement-transport';

/**
 * Writes each message to a folder instead of mailing it: the default for the demo and the tests.
 * Named by message id, so a retried send overwrites rather than duplicates.
 */
export class OutboxTransport implements StatementTransport {
  constructor(private readonly folder: string) {}

  async send(message: StatementMessage): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const base = path.join(this.folder, message.messageId.replace(/[^A-Za-z0-9_.-]/g, '_'));
    const { attachments, ...headers } = message;
    await writeFile(
      `${base}.json`,
      JSON.stringify({ ...headers, attachments: attachments.map((a) => a.fileName) }, null, 2),
    );
    for (const attachment of attachments) {
      await writeFile(`${base}-${attachment.fileName}`, attachment.content);
    }
  }
}
