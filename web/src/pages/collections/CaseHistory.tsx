import { Collapse, Descriptions, List, Tag, Typography } from 'antd';
import { formatAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import type { DunningCase } from '../../services/collections';
import { DunningStatusTag, EscalatedTag } from './collection-tags';

/** The customer's dunning cases, newest cycle first: letters sent, promises and disputes. */
export function CaseHistory({ cases }: { cases: readonly DunningCase[] }) {
  const t = useT();
  return (
    <section aria-label={t('collections.history')} style={{ marginTop: 24 }}>
      <Typography.Title level={4}>{t('collections.history')}</Typography.Title>
      {cases.length === 0 ? (
        <Typography.Paragraph>{t('collections.none')}</Typography.Paragraph>
      ) : (
        <Collapse
          defaultActiveKey={cases[0] ? [cases[0].id] : []}
          items={cases.map((dunningCase) => ({
            key: dunningCase.id,
            label: (
              <span>
                {t('collections.cycle', { date: dunningCase.cycle })}{' '}
                <DunningStatusTag status={dunningCase.status} />
                {dunningCase.closeReason && <Tag>{t(`collections.close${dunningCase.closeReason}`)}</Tag>}
                {dunningCase.escalatedAt && <EscalatedTag />}
              </span>
            ),
            children: <CaseDetail dunningCase={dunningCase} />,
          }))}
        />
      )}
    </section>
  );
}

function CaseDetail({ dunningCase }: { dunningCase: DunningCase }) {
  const t = useT();
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        {
          key: 'letters',
          label: t('collections.letters'),
          children: (
            <List
              size="small"
              dataSource={dunningCase.letters}
              locale={{ emptyText: <Typography.Text>{t('collections.none')}</Typography.Text> }}
              renderItem={(letter) => (
                <List.Item>
                  {t('collections.letterText', {
                    level: letter.level,
                    tone: t(`collections.tone${letter.tone}`),
                    amount: formatAmount(letter.totalOverdue),
                    currency: letter.currency,
                  })}{' '}
                  <Typography.Text type="secondary">
                    {letter.sentAt
                      ? t('collections.letterSentAt', { at: letter.sentAt.slice(0, 16).replace('T', ' ') })
                      : t('collections.letterPending')}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ),
        },
        {
          key: 'promises',
          label: t('collections.promises'),
          children: (
            <List
              size="small"
              dataSource={dunningCase.promises}
              locale={{ emptyText: <Typography.Text>{t('collections.none')}</Typography.Text> }}
              renderItem={(promise) => (
                <List.Item>
                  {t('collections.promiseText', {
                    amount: promise.amount
                      ? `${formatAmount(promise.amount)} ${promise.currency}`
                      : t('collections.promiseAll'),
                    date: promise.promisedDate,
                    by: promise.recordedBy,
                  })}{' '}
                  <Tag>{t(`collections.promiseStatus${promise.status}`)}</Tag>
                  {promise.note && <Typography.Text type="secondary">{promise.note}</Typography.Text>}
                </List.Item>
              )}
            />
          ),
        },
        {
          key: 'disputes',
          label: t('collections.disputes'),
          children: (
            <List
              size="small"
              dataSource={dunningCase.disputes}
              locale={{ emptyText: <Typography.Text>{t('collections.none')}</Typography.Text> }}
              renderItem={(dispute) => (
                <List.Item>
                  {t('collections.disputeText', { reason: dispute.reason, by: dispute.openedBy })}{' '}
                  <Tag>{t(`collections.disputeStatus${dispute.status}`)}</Tag>
                  {dispute.outcome && <Tag>{t(`collections.outcome${dispute.outcome}`)}</Tag>}
                  {dispute.resolutionNote && (
                    <Typography.Text type="secondary">{dispute.resolutionNote}</Typography.Text>
                  )}
                </List.Item>
              )}
            />
          ),
        },
      ]}
    />
  );
}
