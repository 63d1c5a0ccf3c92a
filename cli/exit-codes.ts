// The one exit-code convention of every `recon` command (README "Exit codes").

export const ExitCode = {
  /** Done, and nothing needs a person. */
  OK: 0,
  /** Stopped: the input was refused (a bad row or field, a rejected import) or an unexpected error. */
  FAILED: 1,
  /** Stopped before doing anything: the command line itself is wrong (option, value, missing argument). */
  USAGE: 2,
  /** Done, and the result needs a person: a bridge that does not tie, an audit chain that is broken. */
  FINDING: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake on the command line: exits with ExitCode.USAGE and its message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = ExitCode.USAGE;
}
