import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

interface Plan {
  metadata: EntityMetadata;
  columns: Array<{ key: string; column: ColumnMetadata }>;
  select: string;
}

// Hot reads hydrate thousands of rows a second: look the metadata up once per entity and alias.
const plans = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, Map<string, Plan>>>();

function planFor(dataSource: DataSource, target: EntityTarget<ObjectLiteral>, alias: string): Plan {
  let byTarget = plans.get(dataSource);
  if (!byTarget) plans.set(dataSource, (byTarget = new Map()));
  let byAlias = byTarget.get(target);
  if (!byAlias) byTarget.set(target, (byAlias = new Map()));
  let plan = byAlias.get(alias);
  if (!plan) {
    const metadata = dataSource.getMetadata(target);
    const columns = metadata.columns.map((column) => ({ key: `${alias}_${column.databaseName}`, column }));
    const select = columns
      .map(({ key, column }) => `${alias}.\`${column.databaseName}\` AS \`${key}\``)
      .join(', ');
    byAlias.set(alias, (plan = { metadata, columns, select }));
  }
  return plan;
}

/**
 * `alias.col AS alias_col, …` for every column of an entity: lets one raw query read several
 * entities side by side (a join) without their column names colliding.
 */
export function selectColumns(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
): string {
  return planFor(dataSource, target, alias).select;
}

/**
 * Builds the entity TypeORM itself would load from a raw row (columns as selectColumns names
 * them), through the same driver conversions and column transformers: decimals become Money,
 * JSON is parsed. For hot reads that join what the ORM would fetch in several queries.
 */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  alias: string,
): T {
  const plan = planFor(dataSource, target as EntityTarget<ObjectLiteral>, alias);
  const entity = plan.metadata.create() as T;
  for (const { key, column } of plan.columns) {
    column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[key], column));
  }
  return entity;
}
