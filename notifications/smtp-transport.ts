import nodemailer, { type Transporter } from 'nodemailer';
import type { StatementMessage, StatementTransport } from './statement-transport';

/**
 * Mails statements through an SMTP server (SMTP_URL). The message id is derived from the period and
 * round, so a retried send carries the same Message-ID and the customer's mail client shows it once.
 */
export class SmtpTransport implements StatementTransport {
  private readonly transporter: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transporter = nodemailer.createTransport(smtpUrl);
  }

  async send(message: StatementMessage): Promise<void> {
    const domain = this.from.split('@')[1]?.replace(/>.*$/, '') || 'recon.local';
    await this.transporter.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.messageId}@${domain}>`,
      attachments: message.attachments.map((a) => ({
        filename: a.fileName,
        contentType: a.contentType,
        content: a.content,
      })),
    });
  }

  close(): void {
    this.transporter.close();
  }
}
