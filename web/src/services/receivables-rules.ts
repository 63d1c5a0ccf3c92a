// Which open items the page lists and who applies receipts by hand, pure: the server decides
// (receivables:apply, amounts left on either side); the page offers only what it would allow.
import { compareDecimals, isZeroDecimal } from '../format/exact-decimal';
import type { UserRole as Role } from '../graphql/schema-types.generated';

/** Who applies a receipt to an invoice by hand, or reverses that (the API's receivables:apply). */
export const canApplyReceivables = (role: Role) => role === 'CLERK' || role === 'MANAGER' || role === 'ADMIN';

interface ItemLike {
  openAmount: string;
  applications: ReadonlyArray<{ applicationId: string | null }>;
}

/**
 * The invoices worth showing: those still open, and settled ones a clerk's hand application
 * settled (so that it can be reversed). Settled history otherwise stays in the ledger.
 */
export const itemsToShow = <Item extends ItemLike>(items: readonly Item[]): Item[] =>
  items.filter((i) => !isZeroDecimal(i.openAmount) || i.applications.some((a) => a.applicationId !== null));

/**
 * The credits a clerk may apply to an invoice by hand: receipts and credit notes in its currency.
 * All of them, not only the unapplied: a hand application comes first and moves a receipt from
 * the invoice oldest-first gave it to the one the clerk names.
 */
export const creditsFor = <Credit extends { currency: string }>(
  credits: readonly Credit[],
  item: { currency: string },
): Credit[] => credits.filter((c) => c.currency === item.currency);

/** What a hand application may take at most: the invoice's open amount or the credit's size, the smaller. */
export function defaultApplyAmount(openAmount: string, creditAmount: string): string {
  const credit = creditAmount.replace(/^-/, '');
  return compareDecimals(openAmount, credit) <= 0 ? openAmount : credit;
}
