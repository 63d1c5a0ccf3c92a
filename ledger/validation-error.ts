import { DomainError, type FieldProblem } from '../common/domain-error';
import { counted } from '../common/counted';

export enum InputErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
}

/** A batch refused as a whole: every problem named by item and field, nothing written. */
export class InputValidationError extends DomainError<InputErrorCode> {
  constructor(problems: FieldProblem[]) {
    super(
      InputErrorCode.INVALID_INPUT,
      `${counted(problems.length, 'invalid field')}: ` +
        problems
          .slice(0, 5)
          .map((p) => `item ${p.index} ${p.field}: ${p.reason}`)
          .join('; ') +
        (problems.length > 5 ? '; …' : ''),
      problems,
    );
  }
}
