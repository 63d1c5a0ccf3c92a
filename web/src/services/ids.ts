/**
 * A record's id as the API accepts it: a positive whole number written plainly (the server's
 * CANONICAL_ID in contract/ids.ts; test/web/ids.test.ts keeps the two equal). An address with any
 * other id names no record: the page says "not found" without asking the API.
 */
const RECORD_ID = /^[1-9][0-9]{0,17}$/;

export const isRecordId = (value: string | undefined): value is string => !!value && RECORD_ID.test(value);
export const RECORD_ID_PATTERN = RECORD_ID.source;
