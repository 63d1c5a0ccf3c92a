/**
 * A customer's settings as the admin's form edits them, and back. Pure: no React, no Apollo.
 *
 * The server stores only what a customer overrides (the rest follows the code's defaults). A save
 * therefore sends the stored overrides plus the fields the admin changed, and leaves every other
 * field to the defaults, as before. The limits below mirror the server's checks
 * (matching/settings.ts, customers/workflow-settings.ts) so that a slip is named before sending;
 * the server decides, and its field errors land on the same fields (fieldOfProblem).
 */

type Json = Record<string, unknown>;

export const RULE_NAMES = [
  'EXACT_REFERENCE',
  'NORMALIZED_REFERENCE',
  'TEXT_REFERENCE',
  'AMOUNT_DATE_WINDOW',
  'FUZZY_REFERENCE',
  'ONE_TO_MANY',
  'MANY_TO_MANY',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export interface ToleranceRow {
  /** A currency code, or "*" for every other currency. */
  currency: string;
  absolute: string;
  percent: string;
}

/** The whole numbers of the matching rules, with the server's bounds. */
export const WHOLE_NUMBER_SETTINGS = {
  dateWindowDays: { min: 0, max: 366 },
  timingDays: { min: 0, max: 31 },
  fuzzyMaxEdits: { min: 0, max: 5 },
  fuzzyMinLength: { min: 1, max: 64 },
  maxGroupSize: { min: 2, max: 8 },
  subsetPoolSize: { min: 2, max: 40 },
} as const;
export type WholeNumberSetting = keyof typeof WHOLE_NUMBER_SETTINGS;
export const WHOLE_NUMBER_NAMES = Object.keys(WHOLE_NUMBER_SETTINGS) as WholeNumberSetting[];

/** Reminder and escalation are edited in hours; the server keeps seconds (one minute to 366 days). */
export const HOURS_BOUNDS = { min: 1 / 60, max: 366 * 24 } as const;

export interface SettingsForm extends Record<WholeNumberSetting, number> {
  rules: RuleName[];
  tolerances: ToleranceRow[];
  autoApplyConfidence: number;
  reminderAfterHours: number;
  escalateAfterHours: number;
  managerApprovalThreshold: string;
  dualApprovalThreshold: string;
  /** Where statements go; empty: nobody yet. */
  contactEmail: string;
}
export type SettingsField = keyof SettingsForm;

/** What the server holds for a customer: stored overrides and the effective values. */
export interface LoadedSettings {
  version: number;
  ruleSettings: unknown;
  effectiveRuleSettings: unknown;
  workflowSettings: unknown;
  effectiveWorkflowSettings: unknown;
  contactEmail: string | null;
}

const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};

const SECONDS_PER_HOUR = 3600;
const toHours = (seconds: unknown) => Math.round((Number(seconds) / SECONDS_PER_HOUR) * 100) / 100;
const toSeconds = (hours: number) => Math.round(hours * SECONDS_PER_HOUR);

function tolerancesToRows(value: unknown): ToleranceRow[] {
  return Object.entries(asObject(value)).map(([currency, tolerance]) => {
    const { absolute, percent } = asObject(tolerance);
    return { currency, absolute: String(absolute ?? ''), percent: String(percent ?? '') };
  });
}

const rowsToTolerances = (rows: readonly ToleranceRow[]) =>
  Object.fromEntries(
    rows.map((row) => [row.currency.trim(), { absolute: row.absolute.trim(), percent: row.percent.trim() }]),
  );

/** The form's starting values: what the customer's next period would use. */
export function formOf(loaded: LoadedSettings): SettingsForm {
  const rules = asObject(loaded.effectiveRuleSettings);
  const workflow = asObject(loaded.effectiveWorkflowSettings);
  return {
    rules: (Array.isArray(rules.rules) ? rules.rules : []) as RuleName[],
    tolerances: tolerancesToRows(rules.tolerances),
    ...(Object.fromEntries(WHOLE_NUMBER_NAMES.map((name) => [name, Number(rules[name])])) as Record<
      WholeNumberSetting,
      number
    >),
    autoApplyConfidence: Number(rules.autoApplyConfidence),
    reminderAfterHours: toHours(workflow.reminderAfterSeconds),
    escalateAfterHours: toHours(workflow.escalateAfterSeconds),
    managerApprovalThreshold: String(workflow.managerApprovalThreshold ?? ''),
    dualApprovalThreshold: String(workflow.dualApprovalThreshold ?? ''),
    contactEmail: loaded.contactEmail ?? '',
  };
}

/** The form's values in the server's shapes (complete: every field). */
function settingsOf(form: SettingsForm): { rules: Json; workflow: Json } {
  return {
    rules: {
      rules: [...form.rules],
      tolerances: rowsToTolerances(form.tolerances),
      ...Object.fromEntries(WHOLE_NUMBER_NAMES.map((name) => [name, form[name]])),
      autoApplyConfidence: form.autoApplyConfidence,
    },
    workflow: {
      reminderAfterSeconds: toSeconds(form.reminderAfterHours),
      escalateAfterSeconds: toSeconds(form.escalateAfterHours),
      managerApprovalThreshold: form.managerApprovalThreshold.trim(),
      dualApprovalThreshold: form.dualApprovalThreshold.trim(),
    },
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The stored overrides plus every value that differs from what is in effect; undefined: nothing changed. */
function overridesWith(stored: unknown, effective: unknown, wanted: Json): Json | undefined {
  const now = asObject(effective);
  const changed = Object.entries(wanted).filter(([key, value]) => !same(value, now[key]));
  if (changed.length === 0) return undefined;
  return { ...asObject(stored), ...Object.fromEntries(changed) };
}

export interface SettingsChange {
  ruleSettings?: Json;
  workflowSettings?: Json;
  /** null: nobody. */
  contactEmail?: string | null;
  expectedVersion: number;
}

/** What to send for this form against what the server holds (`null` when nothing changed). */
export function settingsChange(loaded: LoadedSettings, form: SettingsForm): SettingsChange | null {
  const wanted = settingsOf(form);
  const ruleSettings = overridesWith(loaded.ruleSettings, loaded.effectiveRuleSettings, wanted.rules);
  const workflowSettings = overridesWith(
    loaded.workflowSettings,
    loaded.effectiveWorkflowSettings,
    wanted.workflow,
  );
  const contactEmail = form.contactEmail.trim() || null;
  const emailChanged = contactEmail !== (loaded.contactEmail ?? null);
  if (!ruleSettings && !workflowSettings && !emailChanged) return null;
  return {
    ...(ruleSettings ? { ruleSettings } : {}),
    ...(workflowSettings ? { workflowSettings } : {}),
    ...(emailChanged ? { contactEmail } : {}),
    expectedVersion: loaded.version,
  };
}

/** The form's field that a server problem names (e.g. "ruleSettings.tolerances.CNY.absolute"); undefined: none. */
export function fieldOfProblem(problemField: string, form: SettingsForm): Array<string | number> | undefined {
  const [group, name, ...rest] = problemField.split('.');
  if (group === 'ruleSettings') {
    if (name === 'rules' || name === 'autoApplyConfidence') return [name];
    if ((WHOLE_NUMBER_NAMES as string[]).includes(name)) return [name];
    if (name === 'tolerances') {
      const index = form.tolerances.findIndex((row) => row.currency.trim() === rest[0]);
      if (index < 0) return ['tolerances'];
      return rest[1] === 'absolute' || rest[1] === 'percent'
        ? ['tolerances', index, rest[1]]
        : ['tolerances'];
    }
  }
  if (group === 'contactEmail') return ['contactEmail'];
  if (group === 'workflowSettings') {
    if (name === 'reminderAfterSeconds') return ['reminderAfterHours'];
    if (name === 'escalateAfterSeconds') return ['escalateAfterHours'];
    if (name === 'managerApprovalThreshold' || name === 'dualApprovalThreshold') return [name];
  }
  return undefined;
}

export interface Rebased {
  /** The form to show: the admin's own edits kept, every other field as saved now. */
  form: SettingsForm;
  /** What is saved now. */
  savedNow: SettingsForm;
  /** Fields someone else changed since the admin loaded the page. */
  theirs: SettingsField[];
  /** Of those, the fields the admin changed too (their value is kept in the form). */
  conflicts: SettingsField[];
}

/**
 * After STALE_VERSION: someone saved between the admin's load (`base`) and their save. The admin's
 * edits stay; the fields they did not touch take the values saved now, so saving again changes only
 * what the admin meant to change.
 */
export function rebase(base: SettingsForm, savedNow: SettingsForm, mine: SettingsForm): Rebased {
  const fields = Object.keys(base) as SettingsField[];
  const edited = (field: SettingsField) => !same(mine[field], base[field]);
  const theirs = fields.filter((field) => !same(savedNow[field], base[field]));
  const form = Object.fromEntries(
    fields.map((field) => [field, edited(field) ? mine[field] : savedNow[field]]),
  ) as unknown as SettingsForm;
  return { form, savedNow, theirs, conflicts: theirs.filter(edited) };
}

/** A value as one line of text (for "saved now" next to "yours"). */
export function settingText(form: SettingsForm, field: SettingsField): string {
  const value = form[field];
  if (field === 'tolerances')
    return form.tolerances.map((row) => `${row.currency}: ${row.absolute} / ${row.percent}%`).join('; ');
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Non-negative decimal text with at most four decimals (amounts and percents), as the server reads them. */
export const isSettingDecimal = (text: string) => /^\d{1,16}(\.\d{1,4})?$/.test(text.trim());

/** A currency code or "*" (every other currency). */
export const isToleranceCurrency = (text: string) => /^([A-Z]{3}|\*)$/.test(text.trim());
