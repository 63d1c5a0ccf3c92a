import { currentRequestId } from './request-context';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'text';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keys whose values never reach a log line, whatever object they sit in. */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|otp|totp|recovery/i;
/** Bearer tokens, JWT-like strings and link tokens inside free text. */
const SECRET_TEXT = [
  /(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
  /([?&](?:token|t|key)=)[^&\s"']+/gi,
  /(\b(?:password|passwd|pwd|secret|token|api[-_]?key)\s*[=:]\s*)[^&\s"',;]+/gi,
  /((?:mysql|mariadb|smtps?|postgres(?:ql)?):\/\/[^:@/\s]+:)[^@\s]+(?=@)/gi,
];
const REDACTED = '[redacted]';

let settings: { level: LogLevel; format: LogFormat } = { level: 'info', format: 'json' };
type Sink = (line: string, level: LogLevel) => void;
/** Warnings and errors to stderr, the rest to stdout (what container log collectors expect). */
const terminal: Sink = (line, level) => {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
};
let write: Sink = terminal;

/** Called once at start-up with the validated configuration (config/config.ts: LOG_LEVEL, LOG_FORMAT). */
export function configureLogging(options: { level: LogLevel; format: LogFormat }): void {
  settings = { ...options };
}

/** Tests read what was logged instead of the terminal; returns the restore function. */
export function captureLogs(sink: Sink): () => void {
  const previous = write;
  write = sink;
  return () => {
    write = previous;
  };
}

export function redactText(text: string): string {
  let out = text;
  for (const pattern of SECRET_TEXT)
    out = out.replace(pattern, (_m, keep?: string) => `${typeof keep === 'string' ? keep : ''}${REDACTED}`);
  return out;
}

/** A value made safe and JSON-friendly: secrets by key and by shape removed, errors as name/message/stack. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(code !== undefined ? { code: redact(code, depth + 1) } : {}),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
      ...(value.cause !== undefined ? { cause: redact(value.cause, depth + 1) } : {}),
    };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] = SECRET_KEY.test(key) ? REDACTED : redact(item, depth + 1);
    return out;
  }
  return value;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * One JSON object per line (time, level, component, message, the request id when there is one, and
 * the fields), secrets removed. `LOG_FORMAT=text` prints the same as one readable line.
 */
export function createLogger(component: string): Logger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < RANK[settings.level]) return;
    const requestId = currentRequestId();
    const entry = {
      time: new Date().toISOString(),
      level,
      component,
      msg: redactText(message),
      ...(requestId ? { requestId } : {}),
      ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
    };
    write(settings.format === 'json' ? JSON.stringify(entry) : textLine(entry), level);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
  };
}

function textLine(entry: Record<string, unknown>): string {
  const { time, level, component, msg, ...rest } = entry;
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  return `${String(time)} ${String(level).toUpperCase()} [${String(component)}] ${String(msg)}${extra}`;
}
