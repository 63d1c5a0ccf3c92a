import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import enUS from '../locales/en-US';
import zhCN from '../locales/zh-CN';
import { format, type Catalog, type MessageKey, type MessageValues } from './catalog';
import { initialLanguage, rememberLanguage, type Language } from './language';

const CATALOGS: Record<Language, Catalog> = { 'zh-CN': zhCN, 'en-US': enUS };

export type Translate = (key: MessageKey, values?: MessageValues) => string;

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

/** The current language (persisted, defaulting to the browser's) and its messages. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    rememberLanguage(next);
    setLanguageState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  }, [language]);
  const value = useMemo<I18n>(() => {
    const catalog = CATALOGS[language];
    return { language, setLanguage, t: (key, values) => format(catalog, key, values) };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** The translate function of the current language. */
export const useT = (): Translate => useI18n().t;
