import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/I18nProvider';
import { useRefusalMessage } from '../../services/refusals';
import { useTwoFactorEnrolment, type Enrolment } from '../../services/two-factor';
import { RecoveryCodes } from './RecoveryCodes';

interface Props {
  /** Start at once (the user must enrol) rather than behind a button. */
  startNow?: boolean;
  /** Enrolled and the recovery codes seen. */
  onDone(): void;
}

/**
 * Enrolling an authenticator: the QR code (an image the server draws, a data: URL) and the key as
 * text, a code from the app to turn it on, then the recovery codes, once.
 */
export function TwoFactorSetup({ startNow = false, onDone }: Props) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { begin, confirm, busy } = useTwoFactorEnrolment();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [codes, setCodes] = useState<string[]>();
  const [failure, setFailure] = useState<string>();

  const start = async () => {
    setFailure(undefined);
    try {
      setEnrolment(await begin());
    } catch (error) {
      setFailure(refusalMessage(error));
    }
  };

  // Once, when the page opens (a ref, as StrictMode runs effects twice): starting again would
  // replace the seed the user may be scanning.
  const started = useRef(false);
  useEffect(() => {
    if (!startNow || started.current) return;
    started.current = true;
    begin().then(setEnrolment, (error: unknown) => setFailure(refusalMessage(error)));
  }, [startNow, begin, refusalMessage]);

  const onConfirm = async ({ code }: { code: string }) => {
    setFailure(undefined);
    try {
      setCodes(await confirm(code));
    } catch (error) {
      setFailure(refusalMessage(error, { BAD_USER_INPUT: 'twoFactor.confirmFailed' }));
    }
  };

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  const problem = failure && (
    <Alert type="error" showIcon title={failure} role="alert" style={{ marginBottom: 16 }} />
  );
  if (!enrolment)
    return (
      <>
        {problem}
        {!startNow && (
          <Button type="primary" icon={<SafetyOutlined />} loading={busy} onClick={() => void start()}>
            {t('twoFactor.begin')}
          </Button>
        )}
      </>
    );
  return (
    <section>
      <Typography.Paragraph>{t('twoFactor.scanStep')}</Typography.Paragraph>
      <Flex justify="center" style={{ marginBottom: 12 }}>
        <img
          src={enrolment.qrImage}
          alt={t('twoFactor.qrAlt')}
          width={200}
          height={200}
          data-testid="totp-qr"
        />
      </Flex>
      <Typography.Paragraph>
        {t('twoFactor.secretStep')}{' '}
        <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
          {enrolment.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>{t('twoFactor.confirmStep')}</Typography.Paragraph>
      {problem}
      <Form<{ code: string }>
        layout="vertical"
        onFinish={(values) => void onConfirm(values)}
        disabled={busy}
        requiredMark={false}
      >
        <Form.Item
          label={t('twoFactor.code')}
          name="code"
          rules={[{ required: true, whitespace: true, message: t('twoFactor.codeRequired') }]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ maxWidth: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('twoFactor.confirm')}
        </Button>
      </Form>
    </section>
  );
}
