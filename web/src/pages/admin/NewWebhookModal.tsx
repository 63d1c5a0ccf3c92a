import { Checkbox, Form, Input } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useWebhookActions } from '../../services/admin-webhooks';
import { AdminFormModal } from './AdminFormModal';

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
  const { create, busy } = useWebhookActions();
  return (
    <AdminFormModal<Values>
      title={t('adminWebhooks.createTitle')}
      okText={t('adminWebhooks.createSubmit')}
      busy={busy}
      initialValues={{ eventTypes: [] }}
      fields={FIELDS}
      onSubmit={async (values) => onCreated(await create(values))}
      onCancel={onCancel}
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
    </AdminFormModal>
  );
}
