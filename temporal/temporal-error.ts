export enum TemporalSetupErrorCode {
  CLI_NOT_FOUND = 'TEMPORAL_CLI_NOT_FOUND',
  DEV_SERVER_FAILED = 'TEMPORAL_DEV_SERVER_FAILED',
  UNREACHABLE = 'TEMPORAL_UNREACHABLE',
  NAMESPACE_MISSING = 'TEMPORAL_NAMESPACE_MISSING',
}

export class TemporalSetupError extends Error {
  constructor(
    readonly code: TemporalSetupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TemporalSetupError';
  }
}
