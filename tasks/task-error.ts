export enum TaskErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  WRONG_STATE = 'WRONG_STATE',
  FORBIDDEN = 'FORBIDDEN',
}

export class TaskError extends Error {
  constructor(
    readonly code: TaskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TaskError';
  }
}
