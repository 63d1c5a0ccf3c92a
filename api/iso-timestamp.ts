import { ForgetfulMap } from '../common/forgetful-map';

const DAY_MS = 86_400_000;
// 0000-01-01 and 9999-12-31T23:59:59.999Z: outside this range toISOString writes a signed six-digit year.
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_799_999;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
const pad4 = (n: number) => (n < 10 ? `000${n}` : n < 100 ? `00${n}` : n < 1000 ? `0${n}` : `${n}`);

// The due dates of the tasks on people's screens come back page after page.
const recent = new ForgetfulMap<number, string>(50_000);

/**
 * Exactly `date.toISOString()`, several times faster (V8's takes ~0.4 µs; a queue page writes a
 * hundred of them: each task's due date and its cursor). Recent instants are remembered: a string
 * built by concatenation is also copied flat the first time JSON.stringify reads it, so a
 * remembered one costs neither again.
 */
export function isoTimestamp(date: Date): string {
  const ms = date.getTime();
  return recent.get(ms) ?? recent.set(ms, formatIso(date, ms));
}

/** Civil date from days since the epoch after H. Hinnant's `civil_from_days`. */
function formatIso(date: Date, ms: number): string {
  if (!(ms >= MIN_MS && ms <= MAX_MS)) return date.toISOString(); // NaN throws there, as it should
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(millis)}Z`;
}
