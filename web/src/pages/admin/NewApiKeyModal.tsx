import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useApiKeyActions } from '../../services/admin-api-keys';
import { problemsOf, useRefusalMessage } from '../../services/refusals';
import { atLeastOne, problemsText, showProblems } from './form-problems';

interface Values {
  name: string;
  scopes: string[];
}

interface Props {
  /** The scopes the server says a key can be given. */
  scopes: readonly string[];
  onCreated(created: { name: string; key: string }): void;
  onCancel(): void;
}

/** A new integrator key: a name and its scopes, chosen from the server's list. */
export function NewApiKeyModal({ scopes, onCreated, onCancel }: Props) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { create, busy } = useApiKeyActions();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      onCreated(await create(values.name, values.scopes));
    } catch (failure) {
      const problems = problemsOf(failure);
      const unplaced = showProblems(
        form,
        problems,
        (problem) => (problem.field === 'name' || problem.field === 'scopes' ? [problem.field] : undefined),
        (reason) => t('admin.refused', { reason }),
      );
      if (problems.length === 0) setError(refusalMessage(failure));
      else if (unplaced.length > 0) setError(problemsText(unplaced, t));
    }
  };

  return (
    <Modal
      open
      title={t('adminKeys.createTitle')}
      okText={t('adminKeys.createSubmit')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ scopes: [] }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="name"
          label={t('adminKeys.name')}
          extra={t('adminKeys.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('adminKeys.nameRequired') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('adminKeys.scopes')}
          extra={t('adminKeys.scopesHint')}
          rules={[atLeastOne(t('adminKeys.scopesRequired'))]}
        >
          <Checkbox.Group options={scopes.map((scope) => ({ value: scope, label: scope }))} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
