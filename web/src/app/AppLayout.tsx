import { Suspense, useState } from 'react';
import { Button, Dropdown, Layout, Menu } from 'antd';
import { LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { typographyClass } from '../components/antd-look';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageSpinner } from '../components/PageSpinner';
import { PlainFlex } from '../components/PlainFlex';
import { useAntdHashId } from '../components/use-antd-hash';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../services/session';
import { StepUpProvider } from '../services/step-up';
import { APP_PATHS } from './paths';
import { MenuContext, type MenuEntry } from './menu-context';
import { menuPagesFor } from './staff-pages';

const { Header, Sider, Content } = Layout;

/** The signed-in frame: the role's menu, language, who is signed in, sign-out; the page in the middle. */
export default function AppLayout() {
  const { t } = useI18n();
  const { state, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  /** Below antd's lg breakpoint: the menu folds away and its button shows; on a wide screen neither. */
  const [narrow, setNarrow] = useState(false);
  // The frame's title, boxes and words as plain elements in antd's classes (Typography, Flex).
  const hashId = useAntdHashId();
  if (state.status !== 'signedIn') return null;
  const { user } = state;
  const pages = menuPagesFor(user.role);
  const menu: MenuEntry[] = pages.map((page) => ({
    path: page.path,
    label: page.menu!.label,
    icon: page.menu!.icon,
  }));
  const selected = pages
    .filter((page) => page.path === location.pathname || location.pathname.startsWith(`${page.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={setNarrow}
        // With collapsedWidth 0, antd shows its menu button even beside an open menu, over the
        // page's top-left corner: only where the menu can fold away.
        trigger={narrow ? undefined : null}
        theme="light"
        width={208}
      >
        <nav aria-label={t('layout.mainMenu')}>
          <h1 className={typographyClass(hashId)} style={{ fontSize: 18, margin: '18px 24px' }}>
            {t('common.appName')}
          </h1>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected.path] : []}
            items={pages.map((page) => ({
              key: page.path,
              icon: page.menu!.icon,
              label: t(page.menu!.label),
            }))}
            onClick={({ key }) => {
              void navigate(key);
              if (window.matchMedia('(max-width: 991px)').matches) setCollapsed(true);
            }}
          />
        </nav>
      </Sider>
      <Layout>
        <Header style={{ background: 'transparent', paddingInline: 24 }}>
          <PlainFlex hashId={hashId} justify="flex-end" align="center" gap={16} style={{ height: '100%' }}>
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'security', icon: <SafetyOutlined />, label: t('twoFactor.menuSecurity') },
                  { key: 'signOut', icon: <LogoutOutlined />, label: t('layout.signOut') },
                ],
                onClick: ({ key }) => {
                  if (key === 'security') void navigate(APP_PATHS.security);
                  if (key === 'signOut') void signOut();
                },
              }}
            >
              <Button type="text" icon={<UserOutlined />}>
                <span data-testid="current-user">{user.name}</span>
                <span className={typographyClass(hashId, 'secondary')}>· {t(`layout.role${user.role}`)}</span>
              </Button>
            </Dropdown>
          </PlainFlex>
        </Header>
        {/* antd's Content is the page's one <main> landmark: no second <main> inside it. */}
        <Content style={{ margin: '0 24px 24px' }}>
          <div>
            <Suspense fallback={<PageSpinner />}>
              <MenuContext.Provider value={menu}>
                <StepUpProvider>
                  <Outlet />
                </StepUpProvider>
              </MenuContext.Provider>
            </Suspense>
          </div>
        </Content>
      </Layout>
    </Layout>
  );
}
