import { useState } from 'react';
import { Alert, Breadcrumb, Button, Card, Flex, Form, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { APP_PATHS } from '../../app/paths';
import { PageSpinner } from '../../components/PageSpinner';
import { useT } from '../../i18n/I18nProvider';
import { useCustomerSettings, useSaveCustomerSettings } from '../../services/admin-customers';
import {
  fieldOfProblem,
  formOf,
  rebase,
  settingsChange,
  type LoadedSettings,
  type Rebased,
  type SettingsForm,
} from '../../services/customer-settings-form';
import { problemsOf, refusalOf, useRefusalMessage } from '../../services/refusals';
import { FeedbackAlert, type Feedback } from './AdminTable';
import { problemsText, showProblems } from './form-problems';
import { SettingsFields } from './SettingsFields';
import { StaleSettingsNotice } from './StaleSettingsNotice';

/** Admins: one customer's matching rules, tolerances, windows, reminders and approval thresholds. */
export default function CustomerSettingsPage() {
  const t = useT();
  const { code = '' } = useParams();
  const { customer, loading, error, refetch } = useCustomerSettings(code);
  if (!customer) {
    if (loading) return <PageSpinner />;
    return (
      <Card>
        <Typography.Title level={2}>{t('adminSettings.title', { name: code })}</Typography.Title>
        <SettingsLoadProblem error={error} />
      </Card>
    );
  }
  // Keyed by the customer: another customer's page starts from its own values.
  return <SettingsEditor key={customer.code} customer={customer} refetch={refetch} />;
}

function SettingsLoadProblem({ error }: { error: unknown }) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  return <Alert type="error" showIcon title={error ? refusalMessage(error) : t('adminSettings.notFound')} />;
}

interface EditorProps {
  customer: LoadedSettings & { code: string; name: string; currency: string };
  refetch(): Promise<{ data?: { customer?: (LoadedSettings & { code: string }) | null } | undefined }>;
}

function SettingsEditor({ customer, refetch }: EditorProps) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { save, saving } = useSaveCustomerSettings(customer.code);
  const [form] = Form.useForm<SettingsForm>();
  // What the form was loaded from (the server's values at load or last save): the base of a change.
  const [base, setBase] = useState<{ loaded: LoadedSettings; form: SettingsForm }>(() => ({
    loaded: customer,
    form: formOf(customer),
  }));
  const [feedback, setFeedback] = useState<Feedback>();
  const [stale, setStale] = useState<Rebased>();

  const submit = async (values: SettingsForm) => {
    setFeedback(undefined);
    const change = settingsChange(base.loaded, values);
    if (!change) return setFeedback({ type: 'info', text: t('adminSettings.nothingChanged') });
    try {
      const { data } = await save(change);
      const saved = data!.updateCustomerSettings;
      const savedForm = formOf(saved);
      setBase({ loaded: saved, form: savedForm });
      form.setFieldsValue(savedForm);
      setStale(undefined);
      setFeedback({ type: 'success', text: t('adminSettings.saved', { version: saved.version }) });
    } catch (failure) {
      if (refusalOf(failure).code === 'STALE_VERSION') return staleSave(values);
      const problems = problemsOf(failure);
      const unplaced = showProblems(
        form,
        problems,
        (problem) => fieldOfProblem(problem.field, values),
        (reason) => t('admin.refused', { reason }),
      );
      if (problems.length === 0) setFeedback({ type: 'error', text: refusalMessage(failure) });
      else if (unplaced.length > 0) setFeedback({ type: 'error', text: problemsText(unplaced, t) });
    }
  };

  /** Someone saved first: show what they changed, keep the admin's own edits, save against the new version. */
  const staleSave = async (mine: SettingsForm) => {
    const { data } = await refetch();
    const now = data?.customer;
    if (!now) return setFeedback({ type: 'error', text: t('adminSettings.notFound') });
    const savedNow = formOf(now);
    const rebased = rebase(base.form, savedNow, mine);
    setBase({ loaded: now, form: savedNow });
    form.setFieldsValue(rebased.form);
    setStale(rebased);
  };

  return (
    <Card>
      <Breadcrumb
        items={[
          { title: <Link to={APP_PATHS.adminCustomers}>{t('adminSettings.customersTitle')}</Link> },
          { title: customer.code },
        ]}
      />
      <Typography.Title level={2}>
        {t('adminSettings.title', { name: `${customer.name} (${customer.code})` })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('adminSettings.intro', { version: base.loaded.version })}
      </Typography.Paragraph>
      {stale && <StaleSettingsNotice stale={stale} onClose={() => setStale(undefined)} />}
      <FeedbackAlert feedback={feedback} onClose={() => setFeedback(undefined)} />
      <Form<SettingsForm>
        form={form}
        layout="vertical"
        initialValues={base.form}
        onFinish={(values) => void submit(values)}
        scrollToFirstError
      >
        <SettingsFields />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('adminSettings.save')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              form.setFieldsValue(base.form);
              setFeedback(undefined);
            }}
          >
            {t('adminSettings.undo')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
