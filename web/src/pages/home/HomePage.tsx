import { Card, List, Typography } from 'antd';
import { Link } from 'react-router';
import { useMenu } from '../../app/menu-context';
import { useT } from '../../i18n/I18nProvider';
import { useSession } from '../../services/session';

/** Who you are and what your role opens. */
export default function HomePage() {
  const t = useT();
  const { state } = useSession();
  const entries = useMenu().filter((entry) => entry.path !== '/');
  if (state.status !== 'signedIn') return null;
  const { user } = state;
  return (
    <Card>
      <Typography.Title level={2}>{t('home.welcome', { name: user.name })}</Typography.Title>
      <Typography.Paragraph>
        {t('home.yourRole', { role: t(`layout.role${user.role}`) })}
      </Typography.Paragraph>
      {entries.length > 0 && (
        <List
          header={<Typography.Text strong>{t('home.whatYouCanDo')}</Typography.Text>}
          dataSource={entries}
          renderItem={(entry) => (
            <List.Item>
              <Link to={entry.path}>
                {entry.icon} {t(entry.label)}
              </Link>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
