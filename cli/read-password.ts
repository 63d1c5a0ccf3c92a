import readline from 'node:readline';
import { UsageError } from './exit-codes';

/**
 * A new password: typed twice at a terminal without echo, or the first line of standard input when
 * it is not a terminal (`echo "$PW" | recon user create …`, or a secrets file). Never an argument:
 * command lines end up in shell histories and process lists.
 */
export async function readNewPassword(prompt = 'Password'): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await firstLine();
    if (!line) throw new UsageError('no password on standard input');
    return line;
  }
  const first = await askHidden(`${prompt}: `);
  const second = await askHidden(`${prompt} again: `);
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

async function firstLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line.replace(/\r$/, '');
  }
  return '';
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
