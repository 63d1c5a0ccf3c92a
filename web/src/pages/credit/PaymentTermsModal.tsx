import { Alert, DatePicker, Form, Select, Skeleton, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormDialog } from '../../components/FormDialog';
import { useI18n } from '../../i18n/I18nProvider';
import { useTermsChoice, type CreditStanding } from '../../services/credit';
import { useRefusalMessage } from '../../services/refusals';

interface Props {
  standing: CreditStanding;
  /** Why the last send was refused (shown in the dialog once it has sent). */
  refusal?: string;
  onSubmit(values: { termsCode: string; effectiveFrom: string }): Promise<unknown>;
  onCancel(): void;
}

/**
 * A customer's payment terms from a date on (assignPaymentTerms): the terms in force now, and a
 * choice from the catalogue. Invoices dated before keep the terms they had.
 */
export function PaymentTermsModal({ standing, refusal, onSubmit, onCancel }: Props) {
  const { t, language } = useI18n();
  const refusalMessage = useRefusalMessage();
  const choice = useTermsChoice(standing.customerCode);
  const describe = (terms: { name: string; descriptionZh: string; descriptionEn: string }) =>
    `${terms.name} · ${language === 'zh-CN' ? terms.descriptionZh : terms.descriptionEn}`;
  const current = choice.current;
  const intro = choice.loading ? (
    <Skeleton active title={false} paragraph={{ rows: 2 }} />
  ) : (
    <>
      {choice.error && (
        <Alert type="error" showIcon title={refusalMessage(choice.error)} style={{ marginBottom: 12 }} />
      )}
      {current && (
        <Typography.Paragraph>
          {t(current.code ? 'credit.termsNow' : 'credit.termsDefault', {
            terms: describe(current),
            from: current.effectiveFrom ?? '',
          })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('credit.termsExplained')}</Typography.Paragraph>
    </>
  );
  return (
    <FormDialog<{ termsCode: string; from: Dayjs }>
      title={t('credit.termsTitle', { customer: `${standing.customerCode} ${standing.customerName}` })}
      okText={t('credit.termsSubmit')}
      intro={intro}
      initialValues={{ from: dayjs() }}
      refusal={refusal}
      onSubmit={({ termsCode, from }) => onSubmit({ termsCode, effectiveFrom: from.format('YYYY-MM-DD') })}
      onCancel={onCancel}
    >
      <Form.Item
        name="termsCode"
        label={t('credit.termsNew')}
        rules={[{ required: true, message: t('credit.termsRequired') }]}
      >
        <Select
          loading={choice.loading}
          notFoundContent={t('credit.termsCatalogueEmpty')}
          options={choice.catalogue.map((terms) => ({ value: terms.code, label: describe(terms) }))}
        />
      </Form.Item>
      <Form.Item
        name="from"
        label={t('credit.termsFrom')}
        rules={[{ required: true, message: t('credit.termsFromRequired') }]}
      >
        <DatePicker allowClear={false} />
      </Form.Item>
    </FormDialog>
  );
}
