import { useQuery } from '@apollo/client/react';
import { PeriodSuggestionLinesDocument } from './suggestion-lines.generated';

/** At most this many ids per side in one read (the query's page). */
const MAX_IDS = 100;

export interface SuggestionLine {
  id: string;
  docNo: string | null;
  reference: string | null;
  amount: string;
}

/**
 * The document numbers of the given lines of each side (the members of the suggestions on
 * screen), by id. Nothing is read while there are none.
 */
export function useSuggestionLines(periodId: string, ourIds: readonly string[], theirIds: readonly string[]) {
  const ours = [...new Set(ourIds)].sort().slice(0, MAX_IDS);
  const theirs = [...new Set(theirIds)].sort().slice(0, MAX_IDS);
  const { data } = useQuery(PeriodSuggestionLinesDocument, {
    variables: { id: periodId, ours, theirs },
    skip: ours.length + theirs.length === 0,
  });
  const byId = new Map<string, SuggestionLine>();
  for (const edge of [...(data?.period?.ours.edges ?? []), ...(data?.period?.theirs.edges ?? [])])
    byId.set(edge.node.id, edge.node);
  return byId;
}
