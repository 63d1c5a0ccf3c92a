export enum ConfigErrorCode {
  INVALID_VARIABLE = 'CONFIG_INVALID_VARIABLE',
}

/** Raised at start-up, before anything connects: names the variable and what is wrong with it. */
export class ConfigError extends Error {
  readonly code = ConfigErrorCode.INVALID_VARIABLE;
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}
