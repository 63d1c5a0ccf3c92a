// The parties a printed document names: the company that issues it and the customer it is for.
// Services that build a document's data (statements, dunning letters) and the report renderers
// share them, so neither imports the other for them.

export interface CompanyInfo {
  readonly name: string;
  readonly nameEn?: string;
  readonly address?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly taxId?: string;
}

export interface CustomerInfo {
  readonly code: string;
  readonly name: string;
  readonly address?: string;
  readonly contact?: string;
}
