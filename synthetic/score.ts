import type { ReconcileResult } from '../matching';
import type { Truth } from './generate';

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
