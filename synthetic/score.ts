import type { ReconcileResult } from '../matching';
import type { Truth, TruthDifference } from './generate';

export interface Score {
  truthGroups: number;
  engineGroups: number;
  correctGroups: number;
  plantedDifferences: number;
  classifiedRight: number;
}

/** Order-free ids of one side: one id (most groups) as it is, without a copy and a sort. */
const ids = (list: string[]) =>
  list.length === 1 ? list[0] : list.length === 0 ? '' : [...list].sort().join('+');
const key = (ours: string[], theirs: string[]) => `${ids(ours)}|${ids(theirs)}`;

/** Compares the engine's applied groups and differences with the planted truth of one or more customers. */
export function score(results: ReconcileResult[], truth: Pick<Truth, 'groups' | 'differences'>): Score {
  const truthGroups = new Set(truth.groups.map((g) => key(g.ours, g.theirs)));
  const groups = results.flatMap((r) => r.groups);
  const differences = new Set(
    results.flatMap((r) => r.differences.map((d) => `${d.kind}#${key(d.ourIds, d.theirIds)}`)),
  );
  return {
    truthGroups: truthGroups.size,
    engineGroups: groups.length,
    correctGroups: groups.filter((g) => truthGroups.has(key(g.ourIds, g.theirIds))).length,
    plantedDifferences: truth.differences.length,
    classifiedRight: truth.differences.filter((d) => differences.has(`${d.kind}#${key(d.ours, d.theirs)}`))
      .length,
  };
}

/** A customer's truth looked up by line id: built before a benchmark's clock, used inside it. */
export interface TruthIndex {
  groups: Map<string, { ours: string[]; theirs: string[] }>;
  differences: Map<string, TruthDifference>;
  truthGroups: number;
  plantedDifferences: number;
}

/** Each truth group and planted difference under every id it holds (a line is in at most one of each). */
export function indexTruth(truth: Pick<Truth, 'groups' | 'differences'>): TruthIndex {
  const groups = new Map<string, { ours: string[]; theirs: string[] }>();
  for (const g of truth.groups) for (const id of [...g.ours, ...g.theirs]) groups.set(id, g);
  const differences = new Map<string, TruthDifference>();
  for (const d of truth.differences) for (const id of [...d.ours, ...d.theirs]) differences.set(id, d);
  return {
    groups,
    differences,
    truthGroups: new Set(truth.groups.map((g) => key(g.ours, g.theirs))).size,
    plantedDifferences: truth.differences.length,
  };
}

/**
 * `score` of one result against an indexed truth: the same figures, with each group and difference
 * found through one of its ids and its members compared, instead of a key string built for each.
 */
export function scoreIndexed(result: ReconcileResult, truth: TruthIndex): Score {
  let correctGroups = 0;
  for (const g of result.groups) {
    const planted = truth.groups.get(g.ourIds[0] ?? g.theirIds[0]);
    if (planted && sameIds(planted.ours, g.ourIds) && sameIds(planted.theirs, g.theirIds)) correctGroups += 1;
  }
  let classifiedRight = 0;
  for (const d of result.differences) {
    const planted = truth.differences.get(d.ourIds[0] ?? d.theirIds[0]);
    if (
      planted &&
      planted.kind === d.kind &&
      sameIds(planted.ours, d.ourIds) &&
      sameIds(planted.theirs, d.theirIds)
    )
      classifiedRight += 1;
  }
  return {
    truthGroups: truth.truthGroups,
    engineGroups: result.groups.length,
    correctGroups,
    plantedDifferences: truth.plantedDifferences,
    classifiedRight,
  };
}

const sameIds = (a: string[], b: string[]) =>
  a.length === b.length && (a.length === 1 ? a[0] === b[0] : ids(a) === ids(b));
