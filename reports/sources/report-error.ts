export enum ReportRequestErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_REQUEST = 'INVALID_REQUEST',
}

export class ReportRequestError extends Error {
  constructor(
    readonly code: ReportRequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReportRequestError';
  }
}
