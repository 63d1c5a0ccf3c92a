import { useMemo } from 'react';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { ApolloProvider } from '@apollo/client/react';
import { RouterProvider } from 'react-router';
import { I18nProvider, useI18n } from '../i18n/I18nProvider';
import { createApolloClient } from '../services/apollo';
import { sessionEnded } from '../services/session-events';
import { SessionProvider, startSessionQuery } from '../services/session';
import { cspNonce } from './csp-nonce';
import { startFirstReads } from './first-reads';
import { router } from './router';
import { THEME } from './theme';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const;

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

/**
 * One client for the app's life, made as the app's script runs: the opened page's reads and then
 * the session query leave at once, before React's first render.
 */
const client = createApolloClient(() => sessionEnded.emit());
startFirstReads(client, window.location);
startSessionQuery(client);

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
