import { Form, Input, Select } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useStaffUserActions, type NewUserInput } from '../../services/admin-users';
import { ROLES } from '../../services/session';
import { AdminFormModal } from './AdminFormModal';

const FIELDS: ReadonlyArray<keyof NewUserInput> = ['email', 'displayName', 'role', 'password'];

interface Props {
  onCreated(email: string): void;
  onCancel(): void;
}

/** A new staff user: e-mail, name, role and a first password (the server's rules decide what is valid). */
export function NewUserModal({ onCreated, onCancel }: Props) {
  const t = useT();
  const { create, busy } = useStaffUserActions();
  return (
    <AdminFormModal<NewUserInput>
      title={t('adminUsers.createTitle')}
      okText={t('adminUsers.createSubmit')}
      busy={busy}
      initialValues={{ role: 'CLERK' }}
      fields={FIELDS}
      onSubmit={async (values) => {
        const { data } = await create(values);
        onCreated(data?.createUser.email ?? values.email);
      }}
      onCancel={onCancel}
    >
      <Form.Item
        name="email"
        label={t('adminUsers.email')}
        rules={[{ required: true, type: 'email', message: t('adminUsers.emailInvalid') }]}
      >
        <Input autoComplete="off" maxLength={254} />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('adminUsers.name')}
        rules={[{ required: true, whitespace: true, message: t('adminUsers.nameRequired') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="role" label={t('adminUsers.role')} rules={[{ required: true }]}>
        <Select options={ROLES.map((value) => ({ value, label: t(`layout.role${value}`) }))} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('adminUsers.password')}
        extra={t('adminUsers.passwordHint')}
        rules={[{ required: true, min: 12, message: t('adminUsers.passwordTooShort') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </AdminFormModal>
  );
}
