import { buildBridge } from './bridge';
import { classifyUnplaced } from './classify';
import { stableId } from './ids';
import { KeyNumbers } from './keys';
import { prepare, type Prepared } from './prepare';
import { amountDateWindow } from './rules/amount-date-window';
import { fuzzyReference } from './rules/fuzzy-reference';
import { manyToMany } from './rules/many-to-many';
import { oneToMany } from './rules/one-to-many';
import { exactReference, normalizedReference } from './rules/reference';
import { textReference } from './rules/text-reference';
import { DEFAULT_RULE_SETTINGS, validateRuleSettings } from './settings';
import { MatchState } from './state';
import type { Difference, ReconcileInput, ReconcileResult, RuleName, RuleSettings } from './types';
import { dayNumber, fromUnits, money, toUnits } from './units';

/** A rule, handed each side's open lines (in line order); `state` has every line. */
type Rule = (state: MatchState, ours: Prepared[], theirs: Prepared[]) => void;

const RULES: Record<RuleName, Rule> = {
  EXACT_REFERENCE: exactReference,
  NORMALIZED_REFERENCE: normalizedReference,
  TEXT_REFERENCE: textReference,
  AMOUNT_DATE_WINDOW: amountDateWindow,
  FUZZY_REFERENCE: fuzzyReference,
  ONE_TO_MANY: oneToMany,
  MANY_TO_MANY: manyToMany,
};

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One customer-period: match our ledger against their statement, classify what is left, and build
 * the balance bridge. Pure and deterministic: the same lines in any order give the same result.
 */
export function reconcile(input: ReconcileInput): ReconcileResult {
  const settings = settingsOf(input);
  const keys = new KeyNumbers();
  return reconciled(
    input,
    settings,
    prepare(input.ours, 'ours', keys),
    prepare(input.theirs, 'theirs', keys),
  );
}

/**
 * `reconcile` of lines prepared already (`prepare`, or a reader's `LinePreparer` then
 * `prepareDecoded`, one KeyNumbers for both sides): `input`'s own lines are not read.
 */
export function reconcilePrepared(
  input: Omit<ReconcileInput, 'ours' | 'theirs'>,
  ours: Prepared[],
  theirs: Prepared[],
): ReconcileResult {
  return reconciled(input, settingsOf(input), ours, theirs);
}

function settingsOf(input: Pick<ReconcileInput, 'rules'>): RuleSettings {
  return input.rules
    ? validateRuleSettings({ ...DEFAULT_RULE_SETTINGS, ...input.rules })
    : DEFAULT_RULE_SETTINGS;
}

function reconciled(
  input: Omit<ReconcileInput, 'ours' | 'theirs'>,
  settings: RuleSettings,
  preparedOurs: Prepared[],
  preparedTheirs: Prepared[],
): ReconcileResult {
  const end = dayNumber(input.period.end);
  const [ours, oursAfter] = splitAfter(preparedOurs, end);
  const [theirs, theirsAfter] = splitAfter(preparedTheirs, end);
  const state = new MatchState(settings, input.rejected, ours, theirs);
  // Each rule is handed the lines still open: what an earlier rule placed, none looks at again.
  for (const rule of settings.rules) RULES[rule](state, ...state.openLines());

  const suggestions = liveSuggestions(state);

  // Explanations print amounts in the currency's decimals; a group never spans currencies. Lines
  // all in one currency (the usual input) need no map of every line's.
  let currencyOf: ReturnType<typeof currencyMap> | undefined;
  const currencyOfLine = (id: string) => (currencyOf ??= currencyMap([...ours, ...theirs])).get(id);
  const tolerated: Difference[] = state.groups
    .filter((g) => g.residual !== '0') // fromUnits writes zero as "0"
    .map((g) => ({
      id: stableId('tolerance', g.ourIds, g.theirIds),
      kind: 'TOLERANCE',
      amount: g.residual,
      ourIds: g.ourIds,
      theirIds: g.theirIds,
      explanation: `residual ${money(toUnits(g.residual), currencyOfLine(g.ourIds[0] ?? g.theirIds[0]) ?? '')} accepted within tolerance (${g.evidence})`,
    }));
  classifyUnplaced(state, input.period, [...oursAfter, ...theirsAfter]);
  const openingGap = toUnits(input.theirOpening) - toUnits(input.ourOpening);
  const opening: Difference[] =
    openingGap === 0n
      ? []
      : [
          {
            id: 'opening-balance',
            kind: 'UNEXPLAINED',
            amount: fromUnits(openingGap),
            ourIds: [],
            theirIds: [],
            explanation: `opening balances differ by ${money(openingGap, [...ours, ...theirs][0]?.currency ?? '')}`,
          },
        ];

  const differences = [...state.differences, ...tolerated, ...opening].sort(byId);
  const groups = [...state.groups].sort(byId);
  return {
    groups,
    outsidePeriod: { ourIds: oursAfter.map((l) => l.id), theirIds: theirsAfter.map((l) => l.id) },
    suggestions: suggestions.sort((a, b) => b.confidence - a.confidence || byId(a, b)),
    differences,
    bridge: buildBridge(input.ourClosing, input.theirClosing, differences),
    stats: {
      ourLines: ours.length,
      theirLines: theirs.length,
      groups: groups.length,
      matchedOurLines: groups.reduce((n, g) => n + g.ourIds.length, 0),
      matchedTheirLines: groups.reduce((n, g) => n + g.theirIds.length, 0),
      suggestions: suggestions.length,
      differences: differences.length,
      linesAfterPeriod: oursAfter.length + theirsAfter.length,
    },
  };
}

/** Each line's currency by id; one currency for every line makes a map that answers it for any id. */
function currencyMap(lines: Prepared[]): Map<string, string> | { get(id: string): string | undefined } {
  const first = lines[0]?.currency;
  if (lines.every((l) => l.currency === first)) return { get: () => first };
  return new Map(lines.map((l) => [l.id, l.currency]));
}

/** Lines dated after the period end are not part of it: set aside before any rule runs. */
function splitAfter(lines: Prepared[], end: number): [Prepared[], Prepared[]] {
  if (lines.length === 0 || lines[lines.length - 1].day <= end) return [lines, []];
  const inside: Prepared[] = [];
  const after: Prepared[] = [];
  for (const line of lines) (line.day > end ? after : inside).push(line);
  for (const line of after) line.placed = true;
  return [inside, after];
}

/** Suggestions whose lines no stronger rule placed later (those are moot), each once. */
function liveSuggestions(state: MatchState) {
  if (state.suggestions.length === 0) return [];
  const placedIds = new Set(
    state.groups.flatMap((g) => [...g.ourIds.map((id) => `o:${id}`), ...g.theirIds.map((id) => `t:${id}`)]),
  );
  return dedupe(
    state.suggestions.filter(
      (s) =>
        ![...s.ourIds.map((id) => `o:${id}`), ...s.theirIds.map((id) => `t:${id}`)].some((k) =>
          placedIds.has(k),
        ),
    ),
  );
}

function dedupe<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id) !== undefined);
}
