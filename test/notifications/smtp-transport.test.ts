import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { SmtpTransport } from '../../notifications/smtp-transport';

describe('SmtpTransport', () => {
  let server: SMTPServer;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('mails the statement with its PDF and a stable Message-ID', async () => {
    const transport = new SmtpTransport(`smtp://127.0.0.1:${port}`, 'Recon <recon@example.com>');
    await transport.send({
      messageId: 'statement-42-round-1',
      to: 'finance@huadong-jd.example',
      subject: '对账单 Statement of account 2026-10-01 – 2026-10-31',
      text: '期末余额 Closing balance: 300.25\nhttps://recon.example/confirm?token=abc',
      confirmationUrl: 'https://recon.example/confirm?token=abc',
      attachments: [
        { fileName: 'statement.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') },
      ],
    });
    transport.close();
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail).toMatch(/^To: finance@huadong-jd\.example/m);
    expect(mail).toMatch(/^Message-ID: <statement-42-round-1@example\.com>/m);
    expect(mail).toMatch(/Content-Type: application\/pdf; name=statement\.pdf/);
    expect(mail).toContain(Buffer.from('%PDF-1.7 test').toString('base64'));
  });
});
