import type { LogLevel as SdkLogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import { createLogger, type LogLevel } from '../observability/logger';

const LEVEL: Record<SdkLogLevel, LogLevel> = {
  TRACE: 'debug',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};
const RANK: Record<SdkLogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

/**
 * The Temporal SDK's logger (its workers, activities, workflows, and SDK Core's native lines once
 * forwarded) written through Recon's: one JSON line each (LOG_FORMAT), secrets redacted, LOG_LEVEL
 * applied, component `temporal`. The SDK's own DefaultLogger printed text lines, and Core printed
 * coloured ones of its own, past the redaction. `minimum` drops what the SDK logs below it.
 */
export function sdkLogger(minimum: SdkLogLevel): SdkLogger {
  const log = createLogger('temporal');
  const emit = (level: SdkLogLevel, message: string, meta?: LogMetadata) => {
    if (RANK[level] < RANK[minimum]) return;
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(meta ?? {})) fields[key] = value;
    log[LEVEL[level]](message, fields);
  };
  return {
    log: emit,
    trace: (message, meta) => emit('TRACE', message, meta),
    debug: (message, meta) => emit('DEBUG', message, meta),
    info: (message, meta) => emit('INFO', message, meta),
    warn: (message, meta) => emit('WARN', message, meta),
    error: (message, meta) => emit('ERROR', message, meta),
  };
}
