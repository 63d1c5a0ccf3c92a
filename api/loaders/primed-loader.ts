import DataLoader from 'dataloader';

/**
 * A DataLoader that answers synchronously for what was primed. GraphQL resolves a plain value in
 * the same tick but a promise (even a resolved one) through its async path, which costs several
 * times more per field: a page that arrives with its related rows should not pay that. The
 * DataLoader itself is made on the first miss (a queue page has none).
 */
export class PrimedLoader<V> {
  private readonly known = new Map<string, V>();
  private loader: DataLoader<string, V> | undefined;

  constructor(private readonly batch: (ids: readonly string[]) => Promise<V[]>) {}

  prime(id: string, value: V): void {
    this.known.set(id, value);
  }

  load(id: string): V | Promise<V> {
    const known = this.known.get(id);
    if (known !== undefined || this.known.has(id)) return known as V;
    return (this.loader ??= new DataLoader<string, V>(this.batch)).load(id);
  }
}

/**
 * What a loader gave for a row that must exist (a foreign key: a period's customer, a task's
 * period), kept plain when it was plain; one missing is a broken invariant, not a null.
 */
export function present<V>(loaded: V | undefined | Promise<V | undefined>, what: string): V | Promise<V> {
  const check = (value: V | undefined): V => {
    if (value === undefined) throw new Error(`${what} is missing`);
    return value;
  };
  return loaded instanceof Promise ? loaded.then(check) : check(loaded);
}
