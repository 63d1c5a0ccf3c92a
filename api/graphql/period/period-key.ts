import { ForgetfulMap } from '../../../common/forgetful-map';
import { periodKey } from '../../../contract/period';

// Periods share a handful of ranges (months): a page of fifty asks the same few keys. Looked up
// by start, then end: joining the two into one key string would cost more than the lookups. The
// memo is the API's, for its hot field, not the entity's: an entity holds no process-wide state.
const keys = new ForgetfulMap<string, ForgetfulMap<string, string>>(1_000);

/** Period.key: "2026-10" for a calendar month, else "2026-10-01_2026-12-31" (periodKey). */
export function periodKeyOf(start: string, end: string): string {
  const byEnd = keys.get(start) ?? keys.set(start, new ForgetfulMap(100));
  return byEnd.get(end) ?? byEnd.set(end, periodKey(start, end));
}
