import { Segmented } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import type { Language } from '../i18n/language';

const OPTIONS: Array<{ value: Language; label: string }> = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
];

/** 中文 | English; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('layout.switchLanguage')}
      options={OPTIONS.map((option) => ({
        ...option,
        label: <span lang={option.value}>{option.label}</span>,
      }))}
      value={language}
      onChange={setLanguage}
    />
  );
}
