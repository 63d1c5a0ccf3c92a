import type { Bridge, Difference } from './types';
import { fromUnits, toUnits } from './units';

/** 余额调节表: our closing + every difference = their closing, or `tied: false` with exactly what is missing. */
export function buildBridge(ourClosing: string, theirClosing: string, differences: Difference[]): Bridge {
  const computed = differences.reduce((total, d) => total + toUnits(d.amount), toUnits(ourClosing));
  const unexplained = toUnits(theirClosing) - computed;
  return {
    ourClosing: fromUnits(toUnits(ourClosing)),
    lines: differences.map((d) => ({
      differenceId: d.id,
      kind: d.kind,
      amount: d.amount,
      explanation: d.explanation,
    })),
    computedTheirClosing: fromUnits(computed),
    theirClosing: fromUnits(toUnits(theirClosing)),
    unexplained: fromUnits(unexplained),
    tied: unexplained === 0n,
  };
}
