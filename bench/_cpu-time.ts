import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ: 100 on every Linux Recon runs on). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, all threads) a process has used so far, in seconds; null once it is
 * gone or off Linux. On a shared machine this, not wall time, says what a change costs.
 */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number(((utime + stime) / TICKS_PER_SECOND).toFixed(2));
  } catch {
    return null;
  }
}

/** Each named process's CPU seconds used since `start` (a reading of cpuSeconds for each). */
export function cpuSince(
  pids: Record<string, number | undefined>,
  start: Record<string, number | null>,
): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      const now = pid === undefined ? null : cpuSeconds(pid);
      const before = start[name];
      return [name, now === null || before === null ? null : Number((now - before).toFixed(2))];
    }),
  );
}
