import { appendAudits } from '../audit/audit-log';
import { LOCAL_MATCH_LINES, type MatchSummary } from '../contract/period';
import type { ActivityDeps } from './activity-deps';
import { extractInTransaction, type ExtractRequest, type ExtractResult } from './extract-period';
import { matchPeriodInTransaction } from './match-period';

/**
 * Extraction, then matching when the period is small: one workflow step instead of two for the
 * common case, and one transaction. Every audited write waits for the audit chain's head lock and
 * holds it until its commit, so during the monthly fan-out each period's commits queued behind
 * every other's (soak benchmark, docs/benchmarks.md); extraction and matching now append their
 * events together, last, in one commit. A large period comes back unmatched (match: null) and the
 * workflow matches it in a regular activity that heartbeats. Matching starts from the period, customer
 * and scope extraction read (not read again). A retry repeats nothing: the whole
 * step commits or none of it does, and matching skips a run already stored.
 */
export function createExtractAndMatch({ dataSource }: ActivityDeps) {
  return async function extractAndMatch(
    request: ExtractRequest & { matchRun: number },
  ): Promise<{ extracted: ExtractResult; match: MatchSummary | null }> {
    return dataSource.transaction(async (manager) => {
      const { extracted, audit, extractedPeriod } = await extractInTransaction(manager, request);
      const small = extracted.ledgerEntries + extracted.statementLines <= LOCAL_MATCH_LINES;
      const matched = small
        ? await matchPeriodInTransaction(manager, request.periodId, request.matchRun, extractedPeriod)
        : null;
      await appendAudits(manager, [...audit, ...(matched?.audit ?? [])]);
      return { extracted, match: matched?.summary ?? null };
    });
  };
}
