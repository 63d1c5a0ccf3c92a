import { useMemo } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { ApolloProvider } from '@apollo/client/react';
import { RouterProvider } from 'react-router';
import { I18nProvider, useI18n } from '../i18n/I18nProvider';
import { createApolloClient } from '../services/apollo';
import { sessionEnded } from '../services/session-events';
import { SessionProvider } from '../services/session';
import { cspNonce } from './csp-nonce';
import { startFirstReads } from './first-reads';
import { router } from './router';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/**
 * Ant Design's default blue, grey and red texts fall short of WCAG AA contrast (4.5:1) on white: a
 * darker primary and secondary text read well for everyone (the axe check in test/e2e holds us to it).
 */
const THEME = {
  token: {
    colorPrimary: '#0958d9',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    // Red dark enough for text on white (danger buttons, error messages).
    colorError: '#cf1322',
  },
  components: {
    // An empty table's placeholder row is written in the "disabled" grey (1.6:1 on white).
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};

function ThemedApp() {
  const { language } = useI18n();
  const nonce = useMemo(() => cspNonce(), []);
  return (
    <ConfigProvider
      locale={ANTD_LOCALES[language]}
      csp={{ nonce }}
      // Two-character Chinese labels keep their written form (and accessible name): "登录", not "登 录".
      button={{ autoInsertSpace: false }}
      theme={THEME}
    >
      <RouterProvider router={router} />
    </ConfigProvider>
  );
}

/** One client for the app's life, made as the app's script runs: the opened page's reads leave at once. */
const client = createApolloClient(() => sessionEnded.emit());
startFirstReads(client, window.location);

export function App() {
  return (
    <I18nProvider>
      <ApolloProvider client={client}>
        <SessionProvider>
          <ThemedApp />
        </SessionProvider>
      </ApolloProvider>
    </I18nProvider>
  );
}
