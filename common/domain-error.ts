/** One bad value in a request: which item (batch position or file row; -1 for a single object) and field, and why. */
export interface FieldProblem {
  /** Position in the batch (0-based) or the file's row number; -1 when the request is one object. */
  index: number;
  field: string;
  reason: string;
}

/**
 * A refusal a domain module gives on purpose, with a stable code of that module's own enum (and,
 * for bad input, every field at fault). The API turns each code into its outward code in one place
 * (api/api-error.ts); anything that is not a DomainError leaves the API as an internal error.
 */
export abstract class DomainError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
