// The credit and collections vocabulary (#21): column types of their entities, values of their
// GraphQL enums and the dunning workflow's state. Pure TypeScript, so workflow code may import it.

/** How an invoice's due date follows from its date. */
export enum TermsKind {
  /** Net N days: the invoice date plus N days. */
  NET = 'NET',
  /** Month end plus N days (月结N天): the last day of the invoice's month plus N days. */
  MONTH_END = 'MONTH_END',
  /** Several due dates, each a share of the invoice (e.g. 30 % at 30 days, 70 % at 60). */
  INSTALMENTS = 'INSTALMENTS',
}

/** How a receipt or credit note came to settle an invoice. */
export enum ApplicationSource {
  /** A clerk applied it by hand. */
  MANUAL = 'MANUAL',
  /** The credit's reference names the invoice (the matching engine's normalised references). */
  REFERENCE = 'REFERENCE',
  /** Oldest due first, for whatever neither of the above placed. */
  OLDEST_FIRST = 'OLDEST_FIRST',
}

/** Which date an aging counts days from. */
export enum AgingBasis {
  DUE_DATE = 'DUE_DATE',
  DOCUMENT_DATE = 'DOCUMENT_DATE',
}

/** Risk classes from the credit score: A best, D worst. */
export enum RiskClass {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
}

/** A credit check's answer to an order: go ahead, go ahead but look, or stop. */
export enum CreditDecision {
  OK = 'OK',
  WARN = 'WARN',
  BLOCK = 'BLOCK',
}

/** What a credit request asks a manager to approve. */
export enum CreditRequestKind {
  /** A new or higher credit limit (a lower one applies at once). */
  LIMIT_CHANGE = 'LIMIT_CHANGE',
  /** Lift the customer's credit hold. */
  HOLD_RELEASE = 'HOLD_RELEASE',
}

export enum CreditRequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum DisputeStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

export enum PromiseStatus {
  OPEN = 'OPEN',
  KEPT = 'KEPT',
  BROKEN = 'BROKEN',
  /** The case closed (paid) before the promised date. */
  CANCELLED = 'CANCELLED',
}

/** The tone of a dunning level's letter (催款函). */
export enum DunningTone {
  FRIENDLY = 'FRIENDLY',
  FIRM = 'FIRM',
  FINAL = 'FINAL',
}

export enum DunningCaseStatus {
  /** Waiting for the next level's day. */
  ACTIVE = 'ACTIVE',
  /** A dispute is open: no letter goes out until it is resolved. */
  PAUSED = 'PAUSED',
  /** Waiting for the promised date of a promise to pay. */
  PROMISED = 'PROMISED',
  CLOSED = 'CLOSED',
}

export enum DunningCloseReason {
  /** Nothing is overdue any more. */
  PAID = 'PAID',
  /** A dispute was upheld: the customer was right, nothing more is asked of them in this cycle. */
  DISPUTED = 'DISPUTED',
}

/** A dunning letter's delivery: PENDING from the moment it is claimed until the transport took it. */
export enum DunningLetterStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
}
