import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { APP_PATHS } from '../../app/paths';
import { useT } from '../../i18n/I18nProvider';

/** A signed-in user on a page their role does not open. */
export default function ForbiddenPage() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('pages.forbiddenTitle')}
      subTitle={t('pages.forbiddenText')}
      extra={
        <Link to={APP_PATHS.home}>
          <Button type="primary">{t('pages.backHome')}</Button>
        </Link>
      }
    />
  );
}
