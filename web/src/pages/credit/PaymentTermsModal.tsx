import { useState } from 'react';
import { DatePicker, Form, Modal, Select, Skeleton, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DialogRefusal } from '../../components/DialogRefusal';
import { useI18n } from '../../i18n/I18nProvider';
import { useTermsChoice, type CreditStanding, type useCreditDirectActions } from '../../services/credit';
import { useRefusalMessage } from '../../services/refusals';

interface Props {
  standing: CreditStanding;
  actions: ReturnType<typeof useCreditDirectActions>;
  onDone(message: string): void;
  /** Refused: the page reads the customer's standing again (it may have moved on). */
  onRefused(): void;
  onCancel(): void;
}

/**
 * A customer's payment terms from a date on (assignPaymentTerms): the terms in force now, and a
 * choice from the catalogue. Invoices dated before keep the terms they had.
 */
export function PaymentTermsModal({ standing, actions, onDone, onRefused, onCancel }: Props) {
  const { t, language } = useI18n();
  const refusalMessage = useRefusalMessage();
  const choice = useTermsChoice(standing.customerCode);
  const [termsCode, setTermsCode] = useState<string>();
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [checked, setChecked] = useState(false);
  const [sent, setSent] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const describe = (terms: { name: string; descriptionZh: string; descriptionEn: string }) =>
    `${terms.name} · ${language === 'zh-CN' ? terms.descriptionZh : terms.descriptionEn}`;

  const submit = async () => {
    setChecked(true);
    if (!termsCode || !from) return;
    setSent(true);
    setRefusal(undefined);
    try {
      await actions.assignTerms(standing.customerCode, termsCode, from.format('YYYY-MM-DD'));
      onDone(t('credit.termsDone', { customer: standing.customerCode, terms: termsCode }));
    } catch (failure) {
      setRefusal(refusalMessage(failure));
      onRefused();
    }
  };

  const current = choice.current;
  return (
    <Modal
      open
      title={t('credit.termsTitle', { customer: `${standing.customerCode} ${standing.customerName}` })}
      okText={t('credit.termsSubmit')}
      confirmLoading={actions.busy}
      cancelText={t('credit.cancel')}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <DialogRefusal
        refusal={refusal ?? (choice.error ? refusalMessage(choice.error) : undefined)}
        sent={sent || !!choice.error}
      />
      {choice.loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          <Typography.Paragraph>
            {current
              ? t(current.code ? 'credit.termsNow' : 'credit.termsDefault', {
                  terms: describe(current),
                  from: current.effectiveFrom ?? '',
                })
              : null}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('credit.termsExplained')}</Typography.Paragraph>
          <Form layout="vertical" onFinish={() => void submit()}>
            <Form.Item
              label={t('credit.termsNew')}
              htmlFor="credit-terms"
              required
              validateStatus={checked && !termsCode ? 'error' : undefined}
              help={checked && !termsCode ? t('credit.termsRequired') : undefined}
            >
              <Select
                id="credit-terms"
                value={termsCode}
                onChange={setTermsCode}
                notFoundContent={t('credit.termsCatalogueEmpty')}
                options={choice.catalogue.map((terms) => ({ value: terms.code, label: describe(terms) }))}
              />
            </Form.Item>
            <Form.Item
              label={t('credit.termsFrom')}
              htmlFor="credit-terms-from"
              required
              validateStatus={checked && !from ? 'error' : undefined}
              help={checked && !from ? t('credit.termsFromRequired') : undefined}
            >
              <DatePicker id="credit-terms-from" value={from} onChange={setFrom} allowClear={false} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
