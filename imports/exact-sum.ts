import { fromUnits, toUnits } from './parse-amount';

const POWERS = [10_000, 1_000, 100, 10, 1];
const FLUSH_AT = 2 ** 52;

/**
 * Exact running total of decimal amounts (at most 4 decimals). Amounts below 10^11 are added as
 * integer ten-thousandths in a float, which is exact below 2^53 and much cheaper than a BigInt or a
 * Decimal per line; the float is folded into a BigInt before it could lose a unit.
 */
export class ExactSum {
  private small = 0;
  private big = 0n;

  add(amount: string): void {
    const negative = amount.charCodeAt(0) === 45; // '-'
    const start = negative ? 1 : 0;
    const dot = amount.indexOf('.');
    const intEnd = dot < 0 ? amount.length : dot;
    const fraction = dot < 0 ? '' : amount.slice(dot + 1);
    if (intEnd - start > 11 || fraction.length > 4) {
      this.big += toUnits(amount);
      return;
    }
    const units =
      Number(amount.slice(start, intEnd)) * 10_000 +
      (fraction ? Number(fraction) * (POWERS[fraction.length] ?? 1) : 0);
    this.small += negative ? -units : units;
    if (this.small > FLUSH_AT || this.small < -FLUSH_AT) this.flush();
  }

  value(): string {
    this.flush();
    return fromUnits(this.big);
  }

  private flush(): void {
    this.big += BigInt(this.small);
    this.small = 0;
  }
}
