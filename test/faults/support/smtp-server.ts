import net from 'node:net';

/** What a test SMTP server received: each message's raw DATA. */
export interface TestSmtpServer {
  readonly port: number;
  readonly messages: string[];
  /** Connections cut off before the greeting (dropConnections). */
  readonly dropped: number;
  /** Cut the next N connections off at once, as a failing relay does. */
  dropConnections(count: number): void;
  close(): Promise<void>;
}

/**
 * A minimal SMTP server on 127.0.0.1 (RFC 5321's commands nodemailer sends, no TLS, no auth) that can
 * drop connections on demand: the fault tests' mail relay.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: string[] = [];
  let toDrop = 0;
  let dropped = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (toDrop > 0) {
      toDrop -= 1;
      dropped += 1;
      socket.destroy();
      return;
    }
    let buffer = '';
    let inData = false;
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 recon.test ESMTP');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') reply('250-recon.test\r\n250 8BITMIME');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP')
          reply('250 OK');
        else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 command not implemented');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    messages,
    get dropped() {
      return dropped;
    },
    dropConnections: (count) => {
      toDrop = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
