import { FormDialog } from '../../components/FormDialog';
import { useT } from '../../i18n/I18nProvider';
import { limitAmountProblem } from '../../services/credit-rules';
import { CreditReasonField, EMPTY_CREDIT_FORM, NewLimitField, type CreditFormValues } from './CreditFields';

export type CreditRequestKind = 'limit' | 'release';

interface Props {
  kind: CreditRequestKind;
  title: string;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onSubmit(values: CreditFormValues): Promise<unknown>;
  onCancel(): void;
}

/** Ask for a new limit (amount and reason) or a hold's release (reason): a manager decides. */
export function CreditRequestModal({ kind, title, refusal, onSubmit, onCancel }: Props) {
  const t = useT();
  return (
    <FormDialog<CreditFormValues>
      title={title}
      okText={t('credit.submitRequest')}
      initialValues={EMPTY_CREDIT_FORM}
      refusal={refusal}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      {kind === 'limit' && (
        <NewLimitField
          problemOf={(value) => {
            const problem = limitAmountProblem(value);
            if (!problem) return null;
            return problem === 'required' ? 'credit.amountRequired' : 'credit.amountFormat';
          }}
        />
      )}
      <CreditReasonField requiredMessage="credit.reasonRequired" />
    </FormDialog>
  );
}
