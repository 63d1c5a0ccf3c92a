// The credit check's memory of customers' summed exposures, each valid at one version.
import type { Money } from '../money/decimal';

/** A customer's sums in one currency, as read at `version` (credit_versions). */
export interface SummedExposure {
  version: string;
  balance: Money;
  disputed: Money;
  openOrders: Money;
}

/**
 * Bounded (the oldest entry goes first when full). An entry answers only for the version it was
 * read at: any write to the customer's exposure raises the version in its own transaction, so a
 * reader that sees the new version reads the sums again.
 */
export class ExposureCache {
  private readonly entries = new Map<string, SummedExposure>();

  constructor(private readonly maxEntries = 200_000) {}

  get(customerId: string, currency: string, version: string): SummedExposure | undefined {
    const entry = this.entries.get(`${customerId}:${currency}`);
    return entry && entry.version === version ? entry : undefined;
  }

  set(customerId: string, currency: string, sums: SummedExposure): void {
    const key = `${customerId}:${currency}`;
    const held = this.entries.get(key);
    // Two reads racing: keep the newer (versions only grow).
    if (held && BigInt(held.version) > BigInt(sums.version)) return;
    this.entries.delete(key);
    this.entries.set(key, sums);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
