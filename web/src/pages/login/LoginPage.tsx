import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
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

/** E-mail and password; on success back to where the user was going. */
export default function LoginPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { state, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string>();
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
      await signIn(email, password);
      void navigate(next, { replace: true });
    } catch (error) {
      setFailure(refusalMessage(error, { UNAUTHENTICATED: 'session.signInFailed' }));
    } finally {
      setSubmitting(false);
    }
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
            {t('session.title')}
          </Typography.Title>
          {notice && !failure && <Alert type="info" title={notice} style={{ marginBottom: 16 }} showIcon />}
          {failure && (
            <Alert type="error" title={failure} style={{ marginBottom: 16 }} showIcon role="alert" />
          )}
          <Form<Credentials>
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
        </Card>
      </main>
    </Flex>
  );
}
