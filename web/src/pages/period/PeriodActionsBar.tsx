import { useState } from 'react';
import { Button, Dropdown, Flex, Popconfirm } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider';
import { periodReportUrl } from '../../services/period';
import { ManagerDecisions } from './ManagerDecisions';
import type { PeriodWorkbench } from './use-period-workbench';

/**
 * The period's own actions: finish the review, re-run matching, a manager's decisions (the
 * customer's answer by phone, closing by exception), and download its statement and difference report.
 */
export function PeriodActionsBar({ workbench }: { workbench: PeriodWorkbench }) {
  const { t, language } = useI18n();
  const [completing, setCompleting] = useState(false);
  const [rematching, setRematching] = useState(false);
  const lang = language === 'zh-CN' ? 'zh' : 'en';
  const { periodId } = workbench;
  const downloads = [
    {
      key: 'statement-pdf',
      label: t('period.downloadStatementPdf'),
      href: periodReportUrl('statement', periodId, 'pdf', lang),
    },
    {
      key: 'statement-xlsx',
      label: t('period.downloadStatementXlsx'),
      href: periodReportUrl('statement', periodId, 'xlsx', lang),
    },
    {
      key: 'differences-pdf',
      label: t('period.downloadDifferencesPdf'),
      href: periodReportUrl('differences', periodId, 'pdf', lang),
    },
    {
      key: 'differences-xlsx',
      label: t('period.downloadDifferencesXlsx'),
      href: periodReportUrl('differences', periodId, 'xlsx', lang),
    },
  ];
  return (
    <Flex gap={8} wrap style={{ marginTop: 12 }}>
      {workbench.canReview && workbench.reviewing && (
        <Popconfirm
          title={t('period.completeReviewConfirm')}
          okText={t('period.completeReview')}
          cancelText={t('period.cancel')}
          onConfirm={() =>
            void (async () => {
              setCompleting(true);
              try {
                await workbench.act(() => workbench.actions.completeReview(), 'period.completeReviewDone');
              } finally {
                setCompleting(false);
              }
            })()
          }
        >
          <Button type="primary" loading={completing}>
            {t('period.completeReview')}
          </Button>
        </Popconfirm>
      )}
      {workbench.canReview && workbench.reviewing && (
        <Popconfirm
          title={t('period.rematchConfirm')}
          okText={t('period.rematch')}
          cancelText={t('period.cancel')}
          onConfirm={() =>
            void (async () => {
              setRematching(true);
              try {
                await workbench.act(() => workbench.actions.rematch(), 'period.rematchDone');
              } finally {
                setRematching(false);
              }
            })()
          }
        >
          <Button loading={rematching}>{t('period.rematch')}</Button>
        </Popconfirm>
      )}
      <ManagerDecisions workbench={workbench} />
      <Dropdown
        trigger={['click']}
        menu={{
          items: downloads.map((download) => ({
            key: download.key,
            label: (
              <a href={download.href} download>
                {download.label}
              </a>
            ),
          })),
        }}
      >
        <Button icon={<DownloadOutlined />}>{t('period.downloads')}</Button>
      </Dropdown>
    </Flex>
  );
}
