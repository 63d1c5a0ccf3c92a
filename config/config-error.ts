export enum ConfigErrorCode {
  INVALID_VARIABLE = 'CONFIG_INVALID_VARIABLE',
}

export interface ConfigProblem {
  variable: string;
  reason: string;
}

/**
 * Raised at start-up, before anything connects: names each variable and what is wrong with it
 * (every problem at once, so one restart fixes them all).
 */
export class ConfigError extends Error {
  readonly code = ConfigErrorCode.INVALID_VARIABLE;
  /** The first variable at fault. */
  readonly variable: string;
  readonly problems: readonly ConfigProblem[];

  constructor(variable: string, reason: string);
  constructor(problems: readonly ConfigProblem[]);
  constructor(first: string | readonly ConfigProblem[], reason?: string) {
    const problems =
      typeof first === 'string' ? [{ variable: first, reason: reason ?? 'is invalid' }] : first;
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0].variable} ${problems[0].reason}`
        : `Invalid configuration (${problems.length} problems):\n${problems.map((p) => `  - ${p.variable} ${p.reason}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
    this.variable = problems[0]?.variable ?? '';
  }
}
