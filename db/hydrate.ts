import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Which of an entity's columns a raw read selects, by property name: all of them, only `pick`, or
 * all but `omit`. Unread properties stay `undefined` on the hydrated entity.
 */
export interface ColumnChoice {
  pick?: readonly string[];
  omit?: readonly string[];
}

/** Reads one entity out of a joined raw row: the SELECT list to put in the query, and the builder. */
export interface Hydrator<T> {
  /** `alias.col AS alias_col, …`: several entities side by side in one row, without name clashes. */
  readonly select: string;
  /** The database names of the columns read (e.g. to select them from a derived table first). */
  readonly columns: readonly string[];
  /** The row's value of a column under this alias (e.g. the id, to look an entity up before building it). */
  key(property: string): string;
  hydrate(row: Record<string, unknown>): T;
}

// Hot reads hydrate thousands of rows a second: the metadata is looked up once per entity, alias and choice.
const cache = new WeakMap<
  DataSource,
  Map<EntityTarget<ObjectLiteral>, Map<string, Hydrator<ObjectLiteral>>>
>();

const choiceKey = (alias: string, choice: ColumnChoice) =>
  [alias, choice.pick?.join(',') ?? '*', choice.omit?.join(',') ?? ''].join('\u0000');

/**
 * A hydrator that builds the entity TypeORM itself would load from a raw row, through the same
 * driver conversions and column transformers (decimals become Money, JSON is parsed, dates), for
 * the chosen columns. For hot reads that join what the ORM would fetch in several queries.
 */
export function hydratorFor<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  alias: string,
  choice: ColumnChoice = {},
): Hydrator<T> {
  let byTarget = cache.get(dataSource);
  if (!byTarget) cache.set(dataSource, (byTarget = new Map()));
  let byChoice = byTarget.get(target as EntityTarget<ObjectLiteral>);
  if (!byChoice) byTarget.set(target as EntityTarget<ObjectLiteral>, (byChoice = new Map()));
  const key = choiceKey(alias, choice);
  let hydrator = byChoice.get(key);
  if (!hydrator)
    byChoice.set(
      key,
      (hydrator = buildHydrator(dataSource, target as EntityTarget<ObjectLiteral>, alias, choice)),
    );
  return hydrator as Hydrator<T>;
}

function buildHydrator(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  choice: ColumnChoice,
): Hydrator<ObjectLiteral> {
  const metadata = dataSource.getMetadata(target);
  const named = [...(choice.pick ?? []), ...(choice.omit ?? [])];
  const unknown = named.filter((name) => !metadata.columns.some((c) => c.propertyName === name));
  if (unknown.length) throw new Error(`${metadata.name} has no column ${unknown.join(', ')}`);
  const columns: Array<{ key: string; column: ColumnMetadata }> = metadata.columns
    .filter((column) => !choice.pick || choice.pick.includes(column.propertyName))
    .filter((column) => !choice.omit?.includes(column.propertyName))
    .map((column) => ({ key: `${alias}_${column.databaseName}`, column }));
  const keys = new Map(columns.map(({ key, column }) => [column.propertyName, key]));
  const driver = dataSource.driver;
  return {
    select: columns.map(({ key, column }) => `${alias}.\`${column.databaseName}\` AS \`${key}\``).join(', '),
    columns: columns.map(({ column }) => column.databaseName),
    key(property) {
      const found = keys.get(property);
      if (!found) throw new Error(`${metadata.name}.${property} is not read under ${alias}`);
      return found;
    },
    hydrate(row) {
      const entity = metadata.create() as ObjectLiteral;
      for (const { key, column } of columns)
        column.setEntityValue(entity, driver.prepareHydratedValue(row[key], column));
      return entity;
    },
  };
}

/** The SELECT list of hydratorFor(…).select. */
export function selectColumns(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  choice: ColumnChoice = {},
): string {
  return hydratorFor(dataSource, target, alias, choice).select;
}

/** One entity from a row read with selectColumns() and the same choice. */
export function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  alias: string,
  choice: ColumnChoice = {},
): T {
  return hydratorFor(dataSource, target, alias, choice).hydrate(row);
}
