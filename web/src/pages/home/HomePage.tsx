import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import { menuPagesFor } from '../../app/staff-pages';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../services/session';

/** Who you are and what your role opens. */
export default function HomePage() {
  const t = useT();
  const { state } = useSession();
  if (state.status !== 'signedIn') return null;
  const { user } = state;
  const pages = menuPagesFor(user.role).filter((page) => page.path !== '/');
  return (
    <Card>
      <Typography.Title level={2}>{t('home.welcome', { name: user.name })}</Typography.Title>
      <Typography.Paragraph>
        {t('home.yourRole', { role: t(`layout.role${user.role}`) })}
      </Typography.Paragraph>
      {pages.length > 0 && (
        <List
          header={<Typography.Text strong>{t('home.whatYouCanDo')}</Typography.Text>}
          dataSource={pages}
          renderItem={(page) => (
            <List.Item>
              <Link to={page.path}>
                {page.menu!.icon} {t(page.menu!.label)}
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
