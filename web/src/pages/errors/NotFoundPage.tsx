import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { APP_PATHS } from '../../app/paths';
import { useT } from '../../i18n/I18nProvider';

export default function NotFoundPage() {
  const t = useT();
  return (
    <main>
      <Result
        status="404"
        title={t('pages.notFoundTitle')}
        subTitle={t('pages.notFoundText')}
        extra={
          <Link to={APP_PATHS.home}>
            <Button type="primary">{t('pages.backHome')}</Button>
          </Link>
        }
      />
    </main>
  );
}
