import { ApplicationFailure } from '@temporalio/common';
import {
  reconcile,
  RuleSettingsError,
  validateRuleSettings,
  type MatchGroup as EngineResultGroup,
} from '../../matching';
import type { EngineInputData } from './load-engine-input';

/** What the match activity persists: the engine's result with each member's amount beside its id. */
export interface EngineMember {
  id: string;
  amount: string;
}

export interface EngineGroup {
  key: string;
  rule: string;
  confidence: number;
  residual: string;
  evidence: string;
  ours: EngineMember[];
  theirs: EngineMember[];
}

export interface EngineDifference {
  key: string;
  kind: string;
  /** Signed as it enters the bridge: our closing + Σ amounts = their closing. */
  amount: string;
  ourIds: string[];
  theirIds: string[];
  explanation: string;
}

export interface EngineBridge {
  ourClosing: string;
  theirClosing: string;
  lines: Array<{ kind: string; amount: string; explanation: string }>;
  computedTheirClosing: string;
  unexplained: string;
  tied: boolean;
}

export interface EngineOutcome {
  groups: EngineGroup[];
  suggestions: EngineGroup[];
  differences: EngineDifference[];
  bridge: EngineBridge;
  stats: Record<string, number>;
}

/** Runs the matching engine (matching/, pure) on one period's data and shapes its result for storage. */
export function runEngine(
  input: EngineInputData,
  rejected: ReadonlyArray<{ ours: string[]; theirs: string[] }> = [],
): EngineOutcome {
  let rules;
  try {
    rules = input.ruleSettings ? validateRuleSettings(input.ruleSettings) : undefined;
  } catch (error) {
    if (error instanceof RuleSettingsError) {
      // A customer's bad settings will not fix themselves on retry: fail the match with the reason.
      throw ApplicationFailure.create({
        type: 'INVALID_RULE_SETTINGS',
        message: error.message,
        nonRetryable: true,
      });
    }
    throw error;
  }
  const result = reconcile({
    ours: input.ours,
    theirs: input.theirs,
    period: input.period,
    ourOpening: input.ourOpening,
    ourClosing: input.ourClosing,
    theirOpening: input.theirOpening,
    theirClosing: input.theirClosing,
    rules,
    rejected,
  });
  const ourAmounts = new Map(input.ours.map((line) => [line.id, line.amount]));
  const theirAmounts = new Map(input.theirs.map((line) => [line.id, line.amount]));
  const group = (g: EngineResultGroup): EngineGroup => ({
    key: g.id,
    rule: g.rule,
    confidence: g.confidence,
    residual: g.residual,
    evidence: g.evidence,
    ours: g.ourIds.map((id) => ({ id, amount: ourAmounts.get(id)! })),
    theirs: g.theirIds.map((id) => ({ id, amount: theirAmounts.get(id)! })),
  });
  return {
    groups: result.groups.map(group),
    suggestions: result.suggestions.map(group),
    differences: result.differences.map((d) => ({
      key: d.id,
      kind: d.kind,
      amount: d.amount,
      ourIds: d.ourIds,
      theirIds: d.theirIds,
      explanation: d.explanation,
    })),
    bridge: {
      ourClosing: result.bridge.ourClosing,
      theirClosing: result.bridge.theirClosing,
      lines: result.bridge.lines.map((l) => ({ kind: l.kind, amount: l.amount, explanation: l.explanation })),
      computedTheirClosing: result.bridge.computedTheirClosing,
      unexplained: result.bridge.unexplained,
      tied: result.bridge.tied,
    },
    stats: result.stats,
  };
}
