// Domain vocabularies shared by every layer (entities use them as column types, workflows in their
// state). Pure TypeScript: no TypeORM, no I/O, so deterministic workflow code may import them.

export enum CustomerStatus {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
}

export enum PeriodCadence {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  CUSTOM = 'CUSTOM',
}

export enum EntryKind {
  OPENING = 'OPENING',
  INVOICE = 'INVOICE',
  RECEIPT = 'RECEIPT',
  CREDIT_NOTE = 'CREDIT_NOTE',
  DEBIT_NOTE = 'DEBIT_NOTE',
  ADJUSTMENT = 'ADJUSTMENT',
  OTHER = 'OTHER',
}

export enum StatementSource {
  API = 'API',
  FILE = 'FILE',
  PORTAL = 'PORTAL',
}

/** The life of a reconciliation period; mirrored in the `ReconStatus` search attribute. */
export enum PeriodStatus {
  OPEN = 'OPEN',
  EXTRACTING = 'EXTRACTING',
  MATCHING = 'MATCHING',
  IN_REVIEW = 'IN_REVIEW',
  AWAITING_CUSTOMER = 'AWAITING_CUSTOMER',
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  CLOSED = 'CLOSED',
  FAILED = 'FAILED',
}

export enum MatchSide {
  OURS = 'OURS',
  THEIRS = 'THEIRS',
}

export enum MatchGroupState {
  APPLIED = 'APPLIED',
  SUGGESTED = 'SUGGESTED',
  REJECTED = 'REJECTED',
  MANUAL = 'MANUAL',
  UNMATCHED = 'UNMATCHED',
}

export enum DifferenceKind {
  MISSING_IN_OURS = 'MISSING_IN_OURS',
  MISSING_IN_THEIRS = 'MISSING_IN_THEIRS',
  AMOUNT_MISMATCH = 'AMOUNT_MISMATCH',
  TIMING = 'TIMING',
  DUPLICATE = 'DUPLICATE',
  TOLERANCE = 'TOLERANCE',
  UNEXPLAINED = 'UNEXPLAINED',
}

export enum DifferenceStatus {
  OPEN = 'OPEN',
  EXPLAINED = 'EXPLAINED',
  RESOLVED = 'RESOLVED',
}

export enum TaskQueue {
  CLERK = 'CLERK',
  MANAGER = 'MANAGER',
}

export enum TaskType {
  REVIEW_DIFFERENCE = 'REVIEW_DIFFERENCE',
  REVIEW_SUGGESTION = 'REVIEW_SUGGESTION',
  CUSTOMER_DISPUTE = 'CUSTOMER_DISPUTE',
  /** The customer uploaded their own statement file with their link: a clerk checks it. */
  REVIEW_CUSTOMER_FILE = 'REVIEW_CUSTOMER_FILE',
  APPROVE_ADJUSTMENT = 'APPROVE_ADJUSTMENT',
  ESCALATION = 'ESCALATION',
  /** A customer's overdue items to collect (a dunning case): a collector follows up the letters. */
  COLLECTION = 'COLLECTION',
  /** A dunning case handed to a manager (the final notice went out, or a promise broke after it). */
  DUNNING_ESCALATION = 'DUNNING_ESCALATION',
}

export enum TaskStatus {
  OPEN = 'OPEN',
  CLAIMED = 'CLAIMED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

export enum AdjustmentStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  POSTED = 'POSTED',
  /** Taken back by its proposer before anyone decided. */
  WITHDRAWN = 'WITHDRAWN',
}

export enum ApprovalDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

export enum ConfirmationStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  CONFIRMED = 'CONFIRMED',
  DISPUTED = 'DISPUTED',
  EXPIRED = 'EXPIRED',
}

export enum UserRole {
  CLERK = 'CLERK',
  MANAGER = 'MANAGER',
  AUDITOR = 'AUDITOR',
  ADMIN = 'ADMIN',
}

export enum ImportKind {
  STATEMENT = 'STATEMENT',
  LEDGER = 'LEDGER',
}

export enum ImportStatus {
  IMPORTED = 'IMPORTED',
  REJECTED = 'REJECTED',
}

export enum ActorType {
  USER = 'USER',
  API_KEY = 'API_KEY',
  CUSTOMER = 'CUSTOMER',
  SYSTEM = 'SYSTEM',
}

/** What an administrator's task is about (tasks that belong to no period). */
export enum AdminTaskKind {
  BACKUP_FAILED = 'BACKUP_FAILED',
}

export enum AdminTaskStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}
