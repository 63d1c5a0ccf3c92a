import { Alert, Card, Typography } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../services/session';
import { TwoFactorSetup } from './TwoFactorSetup';

/** The signed-in user's own account security: whether two-factor sign-in is on, and setting it up. */
export default function SecurityPage() {
  const t = useT();
  const { state, reload } = useSession();
  if (state.status !== 'signedIn') return null;
  const { twoFactorEnabled } = state.user;
  return (
    <Card>
      <Typography.Title level={2}>{t('twoFactor.securityTitle')}</Typography.Title>
      <Alert
        type={twoFactorEnabled ? 'success' : 'info'}
        showIcon
        title={twoFactorEnabled ? t('twoFactor.statusOn') : t('twoFactor.statusOff')}
        description={twoFactorEnabled ? t('twoFactor.resetHint') : undefined}
        style={{ marginBottom: 16 }}
      />
      {!twoFactorEnabled && <TwoFactorSetup onDone={() => void reload()} />}
    </Card>
  );
}
