export enum InputErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
}

export interface FieldProblem {
  /** Position in the batch (0-based) or the file's row number. */
  index: number;
  field: string;
  reason: string;
}

/** A batch refused as a whole: every problem named by item and field, nothing written. */
export class InputValidationError extends Error {
  readonly code = InputErrorCode.INVALID_INPUT;
  constructor(readonly problems: FieldProblem[]) {
    super(
      `${problems.length} invalid field(s): ` +
        problems
          .slice(0, 5)
          .map((p) => `item ${p.index} ${p.field}: ${p.reason}`)
          .join('; ') +
        (problems.length > 5 ? '; …' : ''),
    );
    this.name = 'InputValidationError';
  }
}
