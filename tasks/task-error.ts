import { DomainError } from '../common/domain-error';

export enum TaskErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  WRONG_STATE = 'WRONG_STATE',
  FORBIDDEN = 'FORBIDDEN',
  INVALID_INPUT = 'INVALID_INPUT',
}

export class TaskError extends DomainError<TaskErrorCode> {}
