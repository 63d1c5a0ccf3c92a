/** Up to this many lines (both sides) a period is matched in a local activity (well under a second). */
export const LOCAL_MATCH_LINES = 5_000;

/**
 * The largest statement file a customer may upload with their link (bytes): a month's statement is
 * far smaller; the link is public, so the bound is tighter than staff uploads' HTTP_MAX_UPLOAD_BYTES.
 */
export const CUSTOMER_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
