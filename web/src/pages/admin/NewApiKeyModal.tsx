import { Checkbox, Form, Input } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useApiKeyActions } from '../../services/admin-api-keys';
import { AdminFormModal } from './AdminFormModal';
import { atLeastOne } from './form-problems';

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
  const { create, busy } = useApiKeyActions();
  return (
    <AdminFormModal<Values>
      title={t('adminKeys.createTitle')}
      okText={t('adminKeys.createSubmit')}
      busy={busy}
      initialValues={{ scopes: [] }}
      fields={['name', 'scopes']}
      onSubmit={async (values) => onCreated(await create(values.name, values.scopes))}
      onCancel={onCancel}
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
    </AdminFormModal>
  );
}
