import { Flex, Spin } from 'antd';
import { useT } from '../i18n/I18nProvider';

export function PageSpinner() {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }} role="status">
      <Spin aria-label={t('common.loading')} />
    </Flex>
  );
}
