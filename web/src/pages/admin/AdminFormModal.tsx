import { useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormProps } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { problemsOf, useRefusalMessage } from '../../services/refusals';
import { problemsText, showProblems } from './form-problems';

interface Props<Values> {
  title: string;
  okText: string;
  busy: boolean;
  initialValues?: FormProps<Values>['initialValues'];
  /** The form's field names: a problem the server names one of them by is shown on that field. */
  fields: readonly string[];
  /** Sends the form; a refusal it throws is shown on the fields it names, the rest above the buttons. */
  onSubmit(values: Values): Promise<void>;
  onCancel(): void;
  /** The Form.Items. */
  children: ReactNode;
}

/** A dialog that creates something in the admin pages (a user, an API key, a webhook). */
export function AdminFormModal<Values extends object>({
  title,
  okText,
  busy,
  initialValues,
  fields,
  onSubmit,
  onCancel,
  children,
}: Props<Values>) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();

  const submit = async (values: Values) => {
    setError(undefined);
    try {
      await onSubmit(values);
    } catch (failure) {
      const problems = problemsOf(failure);
      const unplaced = showProblems(
        form,
        problems,
        (problem) => (fields.includes(problem.field) ? [problem.field] : undefined),
        (reason) => t('admin.refused', { reason }),
      );
      if (problems.length === 0) setError(refusalMessage(failure));
      else if (unplaced.length > 0) setError(problemsText(unplaced, t));
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t('admin.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
      >
        {children}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
