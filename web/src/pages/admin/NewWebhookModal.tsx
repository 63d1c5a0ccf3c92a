import { useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useWebhookActions } from '../../services/admin-webhooks';
import { problemsOf, useRefusalMessage } from '../../services/refusals';
import { problemsText, showProblems } from './form-problems';

interface Values {
  name: string;
  url: string;
  eventTypes: string[];
}

const FIELDS = ['name', 'url', 'eventTypes'];

interface Props {
  eventTypes: readonly string[];
  onCreated(created: { name: string; secret: string }): void;
  onCancel(): void;
}

/** A new endpoint: name, URL and the events it wants (none chosen: all); the server checks the URL. */
export function NewWebhookModal({ eventTypes, onCreated, onCancel }: Props) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { create, busy } = useWebhookActions();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      onCreated(await create(values));
    } catch (failure) {
      const problems = problemsOf(failure);
      const unplaced = showProblems(
        form,
        problems,
        (problem) => (FIELDS.includes(problem.field) ? [problem.field] : undefined),
        (reason) => t('admin.refused', { reason }),
      );
      if (problems.length === 0) setError(refusalMessage(failure));
      else if (unplaced.length > 0) setError(problemsText(unplaced, t));
    }
  };

  return (
    <Modal
      open
      title={t('adminWebhooks.createTitle')}
      okText={t('adminWebhooks.createSubmit')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ eventTypes: [] }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="name"
          label={t('adminWebhooks.name')}
          rules={[{ required: true, whitespace: true, message: t('adminWebhooks.nameRequired') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('adminWebhooks.url')}
          extra={t('adminWebhooks.urlHint')}
          rules={[{ required: true, whitespace: true, message: t('adminWebhooks.urlRequired') }]}
        >
          <Input inputMode="url" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('adminWebhooks.eventTypes')}
          extra={t('adminWebhooks.eventTypesHint')}
        >
          <Checkbox.Group options={eventTypes.map((type) => ({ value: type, label: type }))} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
