// The matching engine: pure TypeScript, no I/O. See docs/matching.md.
export { reconcile } from './engine';
export {
  DEFAULT_RULE_SETTINGS,
  RuleSettingsError,
  RuleSettingsErrorCode,
  validateRuleSettings,
} from './settings';
export { normalizeReference, editDistance } from './normalize-reference';
export { LineInputError } from './prepare';
export { AmountError, fromUnits, toUnits } from './units';
export type {
  Bridge,
  Difference,
  DifferenceKind,
  MatchGroup,
  MatchLine,
  ReconcileInput,
  ReconcileResult,
  RuleName,
  GroupRule,
  RuleSettings,
  Tolerance,
} from './types';
