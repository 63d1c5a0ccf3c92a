import { Button, Result } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../services/session';

/** The API did not answer when the app asked who is signed in. */
export default function UnreachablePage() {
  const t = useT();
  const { reload } = useSession();
  return (
    <main>
      <Result
        status="warning"
        title={t('errors.network')}
        extra={
          <Button type="primary" onClick={() => void reload()}>
            {t('common.retry')}
          </Button>
        }
      />
    </main>
  );
}
