import { Alert, Descriptions } from 'antd';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/I18nProvider';
import { settingText, type Rebased } from '../../services/customer-settings-form';

/** After STALE_VERSION: what someone else saved meanwhile, and that the admin's own edits were kept. */
export function StaleSettingsNotice({ stale, onClose }: { stale: Rebased; onClose(): void }) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      closable
      role="alert"
      onClose={onClose}
      style={{ marginBottom: 16 }}
      title={t('adminSettings.staleTitle')}
      description={
        <>
          <p>{t('adminSettings.staleText')}</p>
          {stale.theirs.length > 0 && (
            <Descriptions
              size="small"
              column={1}
              bordered
              data-testid="stale-changes"
              items={stale.theirs.map((field) => ({
                key: field,
                label: t(`adminSettings.field_${field}` as MessageKey),
                children: stale.conflicts.includes(field)
                  ? t('adminSettings.staleConflict', {
                      saved: settingText(stale.savedNow, field),
                      mine: settingText(stale.form, field),
                    })
                  : settingText(stale.savedNow, field),
              }))}
            />
          )}
        </>
      }
    />
  );
}
