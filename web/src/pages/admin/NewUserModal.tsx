import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useStaffUserActions, type NewUserInput } from '../../services/admin-users';
import { problemsOf, useRefusalMessage } from '../../services/refusals';
import { ROLES } from '../../services/session';
import { problemsText, showProblems } from './form-problems';

const FIELDS: ReadonlyArray<keyof NewUserInput> = ['email', 'displayName', 'role', 'password'];

interface Props {
  onCreated(email: string): void;
  onCancel(): void;
}

/** A new staff user: e-mail, name, role and a first password (the server's rules decide what is valid). */
export function NewUserModal({ onCreated, onCancel }: Props) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { create, busy } = useStaffUserActions();
  const [form] = Form.useForm<NewUserInput>();
  const [error, setError] = useState<string>();

  const submit = async (values: NewUserInput) => {
    setError(undefined);
    try {
      const { data } = await create(values);
      onCreated(data?.createUser.email ?? values.email);
    } catch (failure) {
      const problems = problemsOf(failure);
      const unplaced = showProblems(
        form,
        problems,
        (problem) => (FIELDS.includes(problem.field as keyof NewUserInput) ? [problem.field] : undefined),
        (reason) => t('admin.refused', { reason }),
      );
      if (problems.length === 0) setError(refusalMessage(failure));
      else if (unplaced.length > 0) setError(problemsText(unplaced, t));
    }
  };

  return (
    <Modal
      open
      title={t('adminUsers.createTitle')}
      okText={t('adminUsers.createSubmit')}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<NewUserInput>
        form={form}
        layout="vertical"
        initialValues={{ role: 'CLERK' }}
        onFinish={(values) => void submit(values)}
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
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
