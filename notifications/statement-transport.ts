/** A statement leaving Recon for a customer. The transport decides how (SMTP, outbox file, …). */
export interface StatementMessage {
  /** Stable per period and round: a retried send delivers once. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
  /** The round's signed link (for machines: tests, the outbox); people are shown `shortUrl`. */
  confirmationUrl: string;
  /** The short link (`/c/<code>`) the text, the statement and the 询证函 carry. */
  shortUrl?: string;
  attachments: Array<{ fileName: string; contentType: string; content: Buffer }>;
}

/** The message id of a period's statement round: one e-mail per round, however often it is retried. */
export const statementMessageId = (periodId: string, round: number) => `statement-${periodId}-round-${round}`;

export interface StatementTransport {
  send(message: StatementMessage): Promise<void>;
}
