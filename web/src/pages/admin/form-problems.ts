import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Translate } from '../../i18n/I18nProvider';
import type { FieldProblem } from '../../services/refusals';

type FieldPath = Array<string | number>;

/**
 * Puts the server's field errors on the form's fields (the server's reason, prefixed with the
 * localised "refused:"), and returns those no field of the form shows, for an alert above it.
 */
export function showProblems<Values>(
  form: FormInstance<Values>,
  problems: readonly FieldProblem[],
  fieldOf: (problem: FieldProblem) => FieldPath | undefined,
  refused: (reason: string) => string,
): FieldProblem[] {
  const unplaced: FieldProblem[] = [];
  const placed = problems.flatMap((problem) => {
    const name = fieldOf(problem);
    if (!name) {
      unplaced.push(problem);
      return [];
    }
    return [{ name, errors: [refused(problem.reason)] }];
  });
  form.setFields(placed as Parameters<FormInstance<Values>['setFields']>[0]);
  return unplaced;
}

/** Problems no field shows, as one sentence naming each field ("ruleSettings.sendMoney: …"). */
export const problemsText = (problems: readonly FieldProblem[], t: Translate) =>
  t('admin.refusedFields', { list: problems.map((p) => `${p.field}: ${p.reason}`).join('; ') });

/**
 * At least one box of a checkbox group ticked. A validator, not `required`: antd would put
 * aria-required on the group's <div>, an attribute axe refuses there.
 */
export const atLeastOne = (message: string): Rule => ({
  validator: (_, value: unknown[] | undefined) =>
    value?.length ? Promise.resolve() : Promise.reject(new Error(message)),
});
