// Index keys as small integers: the rules' indexes are Maps and Sets keyed by a customer's documents
// and items, and a small integer is hashed and compared far more cheaply than a string built per
// line (`currency|norm|amount`, which was also flattened on its first lookup).

/** The documents a line names: normalised references and their numbers, index for index. */
export interface LineDocuments {
  readonly norms: string[];
  readonly keys: number[];
}

const NO_DOCUMENTS: LineDocuments = { norms: [], keys: [] };

/**
 * Numbers for one customer period's documents (a currency and a normalised reference) and items (a
 * document and an amount): equal numbers exactly when the currency, reference (and amount) are
 * equal. One instance serves both sides, so their keys compare. Documents are numbered from 1, so no
 * key is 0 (`itemKey` 0 means "no item").
 */
export class KeyNumbers {
  private readonly documents = new Map<string, Map<string, number>>();
  private documentCount = 0;
  private itemCount = 0;
  private readonly firstAmount: string[] = [];
  /** Each document's `LineDocuments` when a line names it alone, shared by those lines. */
  private readonly alone: LineDocuments[] = [];
  private readonly firstItem: number[] = [];
  private readonly otherItems = new Map<string, number>();
  // The last currency's documents: a customer's lines are nearly always in one currency.
  private currency: string | undefined;
  private ofCurrency = new Map<string, number>();

  /** The number of the document `norm` in `currency`. */
  document(currency: string, norm: string): number {
    if (currency !== this.currency) {
      let known = this.documents.get(currency);
      if (!known) this.documents.set(currency, (known = new Map()));
      this.currency = currency;
      this.ofCurrency = known;
    }
    let id = this.ofCurrency.get(norm);
    if (id === undefined) this.ofCurrency.set(norm, (id = ++this.documentCount));
    return id;
  }

  /**
   * The documents of a line's normalised document number and reference (either may be ''): both
   * when they differ, else the one. A line naming one document (most lines) gets that document's
   * shared record, not two arrays of its own: read only.
   */
  documentsOf(currency: string, docNorm: string, refNorm: string): LineDocuments {
    if (docNorm && refNorm && docNorm !== refNorm)
      return {
        norms: [docNorm, refNorm],
        keys: [this.document(currency, docNorm), this.document(currency, refNorm)],
      };
    const norm = docNorm || refNorm;
    if (!norm) return NO_DOCUMENTS;
    const document = this.document(currency, norm);
    return (this.alone[document] ??= { norms: [norm], keys: [document] });
  }

  /**
   * The number of the item: document `document` (a number from `document()`) at `amountKey` (the
   * canonical amount text, so equal amounts are equal texts). Items are numbered in order from 1,
   * small integers. A document's first amount is remembered in an array and compared as text (no
   * hashing); its other amounts (rare: a part payment, an amount error) go through a map.
   */
  item(document: number, amountKey: string): number {
    const first = this.firstAmount[document];
    if (first === undefined) {
      this.firstAmount[document] = amountKey;
      return (this.firstItem[document] = ++this.itemCount);
    }
    if (first === amountKey) return this.firstItem[document];
    const key = `${document}|${amountKey}`;
    let item = this.otherItems.get(key);
    if (item === undefined) this.otherItems.set(key, (item = ++this.itemCount));
    return item;
  }
}
