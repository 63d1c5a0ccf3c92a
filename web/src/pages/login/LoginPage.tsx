import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined, SafetyOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from '../../app/paths';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSpinner } from '../../components/PageSpinner';
import { useT } from '../../i18n/I18nProvider';
import { useRefusalMessage } from '../../services/refusals';
import { useSession } from '../../services/session';

interface Credentials {
  email: string;
  password: string;
}

/**
 * E-mail and password, then (for a user with two-factor sign-in) the authenticator's code or a
 * recovery code; on success back to where the user was going.
 */
export default function LoginPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { state, signIn, completeSignIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string>();
  /** The password was right: the second step's challenge. */
  const [challenge, setChallenge] = useState<string>();
  const next = safeNextPath(params.get('next'));

  if (state.status === 'loading') return <PageSpinner />;
  if (state.status === 'signedIn') return <Navigate to={next} replace />;

  const notice = params.has('ended')
    ? t('session.sessionEnded')
    : params.has('signedOut')
      ? t('session.signedOut')
      : undefined;

  const onFinish = async ({ email, password }: Credentials) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      const outcome = await signIn(email, password);
      if (outcome.kind === 'secondFactor') setChallenge(outcome.challenge);
      else void navigate(next, { replace: true });
    } catch (error) {
      setFailure(refusalMessage(error, { UNAUTHENTICATED: 'session.signInFailed' }));
    } finally {
      setSubmitting(false);
    }
  };

  const onCode = async ({ code }: { code: string }) => {
    if (!challenge) return;
    setSubmitting(true);
    setFailure(undefined);
    try {
      await completeSignIn(challenge, code.trim());
      void navigate(next, { replace: true });
    } catch (error) {
      setFailure(refusalMessage(error, { UNAUTHENTICATED: 'twoFactor.codeFailed' }));
    } finally {
      setSubmitting(false);
    }
  };

  const restart = () => {
    setChallenge(undefined);
    setFailure(undefined);
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <main style={{ width: '100%', maxWidth: 380 }}>
        <Card>
          <Flex justify="space-between" align="start" style={{ marginBottom: 16 }}>
            <div>
              <Typography.Title level={1} style={{ fontSize: 22, marginBottom: 4 }}>
                {t('common.appName')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('session.subtitle')}</Typography.Text>
            </div>
            <LanguageSwitch />
          </Flex>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {challenge ? t('twoFactor.codeTitle') : t('session.title')}
          </Typography.Title>
          {notice && !failure && !challenge && (
            <Alert type="info" title={notice} style={{ marginBottom: 16 }} showIcon />
          )}
          {failure && (
            <Alert type="error" title={failure} style={{ marginBottom: 16 }} showIcon role="alert" />
          )}
          {challenge ? (
            <Form<{ code: string }>
              key="code"
              layout="vertical"
              onFinish={(values) => void onCode(values)}
              requiredMark={false}
              disabled={submitting}
            >
              <Typography.Paragraph>{t('twoFactor.codeIntro')}</Typography.Paragraph>
              <Form.Item
                label={t('twoFactor.code')}
                name="code"
                rules={[{ required: true, whitespace: true, message: t('twoFactor.codeRequired') }]}
              >
                <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" maxLength={64} autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('twoFactor.codeSubmit')}
              </Button>
              <Button type="link" block onClick={restart} style={{ marginTop: 8 }}>
                {t('twoFactor.backToPassword')}
              </Button>
            </Form>
          ) : (
            <Form<Credentials>
              key="password"
              layout="vertical"
              onFinish={(values) => void onFinish(values)}
              requiredMark={false}
              disabled={submitting}
            >
              <Form.Item
                label={t('session.email')}
                name="email"
                rules={[{ required: true, message: t('session.emailRequired') }]}
              >
                <Input prefix={<MailOutlined />} type="email" autoComplete="username" autoFocus />
              </Form.Item>
              <Form.Item
                label={t('session.password')}
                name="password"
                rules={[{ required: true, message: t('session.passwordRequired') }]}
              >
                <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting}>
                {t('session.submit')}
              </Button>
            </Form>
          )}
        </Card>
      </main>
    </Flex>
  );
}
