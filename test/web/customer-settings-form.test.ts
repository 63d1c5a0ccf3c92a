import { DEFAULT_PERIOD_SETTINGS } from '../../contract/period';
import { ALL_RULES, DEFAULT_RULE_SETTINGS } from '../../matching/settings';
import {
  fieldOfProblem,
  formOf,
  RULE_NAMES,
  rebase,
  settingsChange,
  type LoadedSettings,
} from '../../web/src/services/customer-settings-form';

/** A customer as the API gives it: stored overrides (partial) and what is in effect. */
function loaded(
  version: number,
  rules: Record<string, unknown> | null,
  workflow: Record<string, unknown> | null,
): LoadedSettings {
  return {
    version,
    ruleSettings: rules,
    effectiveRuleSettings: { ...DEFAULT_RULE_SETTINGS, ...(rules ?? {}) },
    workflowSettings: workflow,
    effectiveWorkflowSettings: { ...DEFAULT_PERIOD_SETTINGS, ...(workflow ?? {}) },
    contactEmail: null,
  };
}

describe("the admin's customer settings form (web/src/services/customer-settings-form.ts)", () => {
  it('knows the same rules as the engine', () => {
    expect([...RULE_NAMES]).toEqual(ALL_RULES);
  });

  it('sends nothing when nothing changed, and only the changed fields over the stored overrides otherwise', () => {
    const customer = loaded(4, { dateWindowDays: 9 }, { reminderAfterSeconds: 3600 });
    const form = formOf(customer);
    expect(form.dateWindowDays).toBe(9);
    expect(form.reminderAfterHours).toBe(1);
    expect(form.escalateAfterHours).toBe(14 * 24);
    expect(form.tolerances).toEqual([{ currency: '*', absolute: '50', percent: '0.5' }]);
    expect(settingsChange(customer, form)).toBeNull();

    const edited = {
      ...form,
      tolerances: [
        { currency: '*', absolute: '80', percent: '0.5' },
        { currency: 'USD', absolute: ' 5 ', percent: '0' },
      ],
      escalateAfterHours: 1.5,
    };
    // The defaults not touched stay defaults (not copied into the overrides); the version goes along.
    expect(settingsChange(customer, edited)).toEqual({
      ruleSettings: {
        dateWindowDays: 9,
        tolerances: { '*': { absolute: '80', percent: '0.5' }, USD: { absolute: '5', percent: '0' } },
      },
      workflowSettings: { reminderAfterSeconds: 3600, escalateAfterSeconds: 5400 },
      expectedVersion: 4,
    });
  });

  it('sends the statement recipient only when it changed, trimmed, and null to clear it', () => {
    const customer = { ...loaded(2, null, null), contactEmail: 'ap@c1.example.com' };
    const form = formOf(customer);
    expect(form.contactEmail).toBe('ap@c1.example.com');
    expect(settingsChange(customer, { ...form, contactEmail: ' ap@c1.example.com ' })).toBeNull();
    expect(settingsChange(customer, { ...form, contactEmail: ' ar@c1.example.com ' })).toEqual({
      contactEmail: 'ar@c1.example.com',
      expectedVersion: 2,
    });
    expect(settingsChange(customer, { ...form, contactEmail: '  ' })).toEqual({
      contactEmail: null,
      expectedVersion: 2,
    });
    expect(fieldOfProblem('contactEmail', form)).toEqual(['contactEmail']);
  });

  it("puts the server's field errors on the form's fields", () => {
    const form = {
      ...formOf(loaded(1, null, null)),
      tolerances: [
        { currency: '*', absolute: '1', percent: '0' },
        { currency: 'CNY', absolute: '1e9', percent: '0' },
      ],
    };
    expect(fieldOfProblem('ruleSettings.tolerances.CNY.absolute', form)).toEqual([
      'tolerances',
      1,
      'absolute',
    ]);
    expect(fieldOfProblem('ruleSettings.tolerances.*.absolut', form)).toEqual(['tolerances']);
    expect(fieldOfProblem('ruleSettings.dateWindowDays', form)).toEqual(['dateWindowDays']);
    expect(fieldOfProblem('workflowSettings.escalateAfterSeconds', form)).toEqual(['escalateAfterHours']);
    expect(fieldOfProblem('workflowSettings.dualApprovalThreshold', form)).toEqual(['dualApprovalThreshold']);
    // An unknown key has no field on the form: the page lists it above the form instead.
    expect(fieldOfProblem('workflowSettings.sendMoney', form)).toBeUndefined();
    expect(fieldOfProblem('ruleSettings.amountTolerance', form)).toBeUndefined();
  });

  it('after STALE_VERSION keeps the admin’s edits and takes every other field as saved now', () => {
    const base = formOf(loaded(1, null, null));
    const savedNow = formOf(
      loaded(2, { dateWindowDays: 9, timingDays: 1 }, { managerApprovalThreshold: '500' }),
    );
    const mine = {
      ...base,
      tolerances: [{ currency: '*', absolute: '80', percent: '0.5' }],
      timingDays: 2,
    };
    const rebased = rebase(base, savedNow, mine);
    expect(rebased.theirs.sort()).toEqual(['dateWindowDays', 'managerApprovalThreshold', 'timingDays']);
    expect(rebased.conflicts).toEqual(['timingDays']);
    expect(rebased.form).toEqual({ ...savedNow, tolerances: mine.tolerances, timingDays: 2 });
    // Saved again against the new version, only the admin's own changes go out over the new overrides.
    expect(
      settingsChange(
        loaded(2, { dateWindowDays: 9, timingDays: 1 }, { managerApprovalThreshold: '500' }),
        rebased.form,
      ),
    ).toEqual({
      ruleSettings: {
        dateWindowDays: 9,
        timingDays: 2,
        tolerances: { '*': { absolute: '80', percent: '0.5' } },
      },
      expectedVersion: 2,
    });
  });
});
