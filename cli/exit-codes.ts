// The one exit-code convention of every `recon` command (README "Exit codes").

export const ExitCode = {
  /** Done, and nothing needs a person. */
  OK: 0,
  /** Something is wrong: the input was refused (a bad row or field, a rejected import), a check failed (a broken audit chain), or an unexpected error. */
  FAILED: 1,
  /** Stopped before doing anything: the command line itself is wrong (option, value, missing argument). */
  USAGE: 2,
  /** Matched, and a person is needed: a balance bridge does not tie. */
  FINDING: 3,
  /**
   * Nothing was changed, though the command line asked for a change: a file imported before, sent
   * again with another period, opening or closing (`recon import … --replace` reads it again).
   */
  NOT_APPLIED: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake on the command line: exits with ExitCode.USAGE and its message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = ExitCode.USAGE;
}
