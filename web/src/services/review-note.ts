/**
 * The longest note, question or reason of a clerk's review action (timing, asking the customer, a
 * hand match, rejecting a suggestion). Server: REVIEW_NOTE_MAX_CHARS (contract/period/limits.ts),
 * which refuses longer ones; test/web keeps the two equal.
 */
export const REVIEW_NOTE_MAX_CHARS = 750;
