import { LOCAL_MATCH_LINES, type MatchSummary } from '../contract/period';
import type { ActivityDeps } from './activity-deps';
import { createExtractPeriod, type ExtractRequest, type ExtractResult } from './extract-period';
import { createMatchPeriod } from './match-period';

/**
 * Extraction, then matching when the period is small: one workflow step instead of two for the
 * common case. A large period comes back unmatched (match: null) and the workflow matches it in a
 * regular activity that heartbeats. Both halves are idempotent, so a retry repeats nothing.
 */
export function createExtractAndMatch(deps: ActivityDeps) {
  const extractPeriod = createExtractPeriod(deps);
  const matchPeriod = createMatchPeriod(deps);
  return async function extractAndMatch(
    request: ExtractRequest & { matchRun: number },
  ): Promise<{ extracted: ExtractResult; match: MatchSummary | null }> {
    const extracted = await extractPeriod(request);
    const small = extracted.ledgerEntries + extracted.statementLines <= LOCAL_MATCH_LINES;
    return {
      extracted,
      match: small ? await matchPeriod({ periodId: request.periodId, matchRun: request.matchRun }) : null,
    };
  };
}
