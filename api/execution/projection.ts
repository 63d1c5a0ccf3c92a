import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Selection } from './selection';

/**
 * What a GraphQL field of an entity type reads of the entity, where it is not simply the column of
 * its own name: e.g. Period.key reads periodStart and periodEnd, Task.period reads periodId, and
 * Customer.balance reads nothing of the row (its loader takes the id).
 */
export type FieldReads = Readonly<Record<string, readonly string[]>>;

/**
 * The entity properties a selection needs, or undefined for "all of them": a field that is neither
 * in `reads` nor a column (a resolver nobody described) is not guessed at.
 */
export function propertiesSelected<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  selection: Selection,
  reads: FieldReads,
): string[] | undefined {
  const columns = new Set(dataSource.getMetadata(target).columns.map((column) => column.propertyName));
  const properties = new Set<string>(['id']);
  for (const field of selection.fieldNames()) {
    if (field === '__typename') continue;
    const read = Object.hasOwn(reads, field) ? reads[field] : columns.has(field) ? [field] : undefined;
    if (!read) return undefined;
    read.forEach((property) => properties.add(property));
  }
  return [...properties].sort();
}
