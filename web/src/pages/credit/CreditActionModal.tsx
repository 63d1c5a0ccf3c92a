import { Typography } from 'antd';
import { FormDialog } from '../../components/FormDialog';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { CreditStanding } from '../../services/credit';
import { lowerAmountProblem, suggestionEffect } from '../../services/credit-rules';
import { CreditReasonField, EMPTY_CREDIT_FORM, NewLimitField, type CreditFormValues } from './CreditFields';

/** The actions that apply at once (no manager's decision): a hold, a lower limit, the suggested limit. */
export type CreditDirectAction = 'hold' | 'lower' | 'accept';

interface Props {
  action: CreditDirectAction;
  standing: CreditStanding;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onSubmit(values: CreditFormValues): Promise<unknown>;
  onCancel(): void;
}

const TITLES = {
  hold: 'credit.holdTitle',
  lower: 'credit.lowerTitle',
  accept: 'credit.acceptTitle',
} as const;
const SUBMITS = {
  hold: 'credit.holdSubmit',
  lower: 'credit.lowerSubmit',
  accept: 'credit.acceptSubmit',
} as const;
const AMOUNT_PROBLEMS = {
  required: 'credit.amountRequired',
  format: 'credit.amountFormat',
  notLower: 'credit.lowerNotLower',
} as const;

/**
 * One direct credit action's dialog: what it does in words, its fields, and the server's refusal
 * inside the dialog. The server decides; the checks here only save a round trip.
 */
export function CreditActionModal({ action, standing, refusal, onSubmit, onCancel }: Props) {
  const t = useT();
  const limit = standing.limit == null ? t('credit.noLimit') : formatAmount(standing.limit);
  const intro =
    action === 'hold'
      ? t('credit.holdExplained')
      : action === 'lower'
        ? t('credit.lowerExplained', { limit })
        : t(suggestionEffect(standing) === 'LOWERS' ? 'credit.acceptLowers' : 'credit.acceptAsks', {
            suggested: formatAmount(standing.suggestedLimit ?? '0'),
            limit,
          });
  return (
    <FormDialog<CreditFormValues>
      title={t(TITLES[action], {
        customer: `${standing.customerCode} ${standing.customerName}`,
        currency: standing.currency,
      })}
      okText={t(SUBMITS[action])}
      danger={action !== 'accept'}
      intro={<Typography.Paragraph>{intro}</Typography.Paragraph>}
      initialValues={EMPTY_CREDIT_FORM}
      refusal={refusal}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {action === 'lower' && (
        <NewLimitField
          problemOf={(value) => {
            const problem = lowerAmountProblem(value, standing.limit);
            return problem ? AMOUNT_PROBLEMS[problem] : null;
          }}
        />
      )}
      {action !== 'accept' && <CreditReasonField requiredMessage="credit.reasonAudited" />}
    </FormDialog>
  );
}
