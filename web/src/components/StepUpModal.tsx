import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { useRefusalMessage } from '../services/refusals';

interface Props {
  busy: boolean;
  /** Proves the code; rejects when the server refuses it (the dialog stays open and says why). */
  onSubmit(code: string): Promise<void>;
  onCancel(): void;
}

/** Asks for the authenticator's code before a sensitive action is retried. */
export function StepUpModal({ busy, onSubmit, onCancel }: Props) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<string>();
  const [missing, setMissing] = useState(false);
  const submit = async () => {
    if (!code.trim()) return setMissing(true);
    setFailure(undefined);
    try {
      await onSubmit(code);
    } catch (error) {
      setCode('');
      setFailure(refusalMessage(error, { UNAUTHENTICATED: 'twoFactor.stepUpFailed' }));
    }
  };
  return (
    <Modal
      open
      title={t('twoFactor.stepUpTitle')}
      okText={t('twoFactor.stepUpSubmit')}
      cancelText={t('twoFactor.cancel')}
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={onCancel}
      maskClosable={false}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('twoFactor.stepUpIntro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label={t('twoFactor.code')}
          htmlFor="step-up-code"
          validateStatus={missing ? 'error' : undefined}
          help={missing ? t('twoFactor.codeRequired') : undefined}
        >
          <Input
            id="step-up-code"
            autoComplete="one-time-code"
            autoFocus
            maxLength={64}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setMissing(false);
            }}
          />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon title={failure} role="alert" />}
    </Modal>
  );
}
