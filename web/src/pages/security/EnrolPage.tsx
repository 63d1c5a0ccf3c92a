import { Alert, Button, Card, Flex, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { APP_PATHS, safeNextPath } from '../../app/paths';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSpinner } from '../../components/PageSpinner';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../services/session';
import { TwoFactorSetup } from './TwoFactorSetup';

/**
 * Where a user whose role requires two-factor sign-in lands after signing in when they have none:
 * the session may do nothing else until they enrol. Outside the staff frame, whose pages it could
 * not load yet. Then on to where they were going.
 */
export default function EnrolPage() {
  const t = useT();
  const { state, reload, signOut } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  if (state.status === 'loading') return <PageSpinner />;
  if (state.status !== 'signedIn')
    return <Navigate to={`${APP_PATHS.login}?next=${encodeURIComponent(next)}`} replace />;
  // Nothing to enrol (the confirmation below reloads the session only once the codes are seen).
  if (state.user.twoFactorEnabled) return <Navigate to={next} replace />;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <main style={{ width: '100%', maxWidth: 520 }}>
        <Card>
          <Flex justify="space-between" align="start" style={{ marginBottom: 16 }}>
            <Typography.Title level={1} style={{ fontSize: 22, marginBottom: 4 }}>
              {t('twoFactor.begin')}
            </Typography.Title>
            <LanguageSwitch />
          </Flex>
          {state.user.mustEnrol && (
            <Alert type="info" showIcon title={t('twoFactor.mustEnrol')} style={{ marginBottom: 16 }} />
          )}
          <TwoFactorSetup
            startNow
            onDone={() => void reload().then(() => navigate(next, { replace: true }))}
          />
          <Flex justify="flex-end" style={{ marginTop: 16 }}>
            <Button type="link" onClick={() => void signOut()}>
              {t('layout.signOut')}
            </Button>
          </Flex>
        </Card>
      </main>
    </Flex>
  );
}
