import DataLoader from 'dataloader';
import {
  In,
  type DataSource,
  type EntityTarget,
  type FindOptionsSelect,
  type FindOptionsWhere,
} from 'typeorm';

type Row = { id: string };

/**
 * Loads the columns a hot read left unread (see ColumnChoice.omit), for a batch of ids in one query.
 * Their GraphQL fields ask it only when the entity in hand lacks them.
 */
export function deferredColumnsLoader<E extends Row, K extends keyof E & string>(
  dataSource: DataSource,
  target: EntityTarget<E>,
  columns: readonly K[],
): DataLoader<string, Pick<E, K> | undefined> {
  const select = Object.fromEntries([['id', true], ...columns.map((c) => [c, true])]) as FindOptionsSelect<E>;
  return new DataLoader(async (ids) => {
    const rows = await dataSource
      .getRepository(target)
      .find({ select, where: { id: In([...ids]) } as FindOptionsWhere<E> });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  });
}

/** The entity's own value of `key` when it was read, else the deferred load's. */
export function readOrLoad<E extends Row, K extends keyof E & string>(
  entity: E,
  key: K,
  loader: DataLoader<string, Pick<E, K> | undefined>,
): E[K] | Promise<E[K] | null> {
  if (entity[key] !== undefined) return entity[key];
  return loader.load(entity.id).then((row) => row?.[key] ?? null);
}
