/** Up to this many lines (both sides) a period is matched in a local activity (well under a second). */
export const LOCAL_MATCH_LINES = 5_000;

/**
 * The largest statement file a customer may upload with their link (bytes): a month's statement is
 * far smaller; the link is public, so the bound is tighter than staff uploads' HTTP_MAX_UPLOAD_BYTES.
 */
export const CUSTOMER_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The longest reason or comment an adjustment decision stores (characters; the columns of
 * adjustments and adjustment_approvals): a longer one is refused as INVALID_REQUEST before
 * anything is written, not found by the database on every retry.
 */
export const ADJUSTMENT_TEXT_MAX_CHARS = 1000;

/**
 * The longest reason a close by exception stores (reconciliation_periods.close_reason): a longer one
 * is refused as INVALID_REQUEST by the Update's validator; it wedged the closePeriod activity in a
 * retry loop on "Data too long" while the manager was told it worked (probe).
 */
export const CLOSE_REASON_MAX_CHARS = 1000;

/**
 * The longest note, question or reason of a clerk's review action (markTiming, askCustomer,
 * matchManually, rejectSuggestion): stored after a few words and the actor's name (up to 200) in a
 * column of 1,000 (differences.resolution, match_groups.evidence, tasks.outcome). Refused as
 * INVALID_REQUEST beyond; before, a longer one was cut to fit without a word (probe).
 */
export const REVIEW_NOTE_MAX_CHARS = 750;

/** The longest outcome a completed task stores (tasks.outcome), refused as BAD_USER_INPUT beyond. */
export const TASK_OUTCOME_MAX_CHARS = 1000;

/**
 * The longest comment a customer's answer stores (customer_confirmations.comment for a
 * confirmation, disputed_lines.comment for each disputed line): refused as INVALID_REQUEST by the
 * Updates' validators; a longer one, sent through the customer's link, was taken and then failed in
 * the database at every retry, wedging the period on the customer's word (probe).
 */
export const CUSTOMER_COMMENT_MAX_CHARS = 2000;
