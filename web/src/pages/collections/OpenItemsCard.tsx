import { Alert, Button, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { DoneNotice } from '../../components/DoneNotice';
import { FormDialog } from '../../components/FormDialog';
import { useSubjectDialog } from '../../components/use-subject-dialog';
import { formatAmount, isZeroAmount } from '../../format/amount';
import { useT } from '../../i18n/I18nProvider';
import { useOpenItems, useReceivableActions, type OpenItem } from '../../services/receivables';
import { itemsToShow } from '../../services/receivables-rules';
import { useRefusalMessage } from '../../services/refusals';
import { ApplyReceivableModal } from './ApplyReceivableModal';

type Application = OpenItem['applications'][number];

/**
 * A customer's open items (应收未清项): every invoice still owing, its due date and how it was
 * settled; those with receivables:apply apply a receipt to an invoice by hand, or reverse that.
 */
export function OpenItemsCard({ customerCode, mayApply }: { customerCode: string; mayApply: boolean }) {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { items, credits, settledLeftOut, loading, error, refetch } = useOpenItems(customerCode);
  const actions = useReceivableActions(customerCode);
  const applying = useSubjectDialog<OpenItem>();
  const reversing = useSubjectDialog<{ item: OpenItem; application: Application }>();
  const shown = itemsToShow(items);
  const creditName = (id: string) => {
    const credit = credits.find((c) => c.ledgerEntryId === id);
    return credit ? (credit.docNo ?? credit.reference ?? id) : id;
  };

  const settle = async (run: () => Promise<void>) => {
    await run();
    await refetch();
  };

  return (
    <section aria-label={t('collections.openItems')} style={{ marginTop: 24 }}>
      <Typography.Title level={4}>{t('collections.openItems')}</Typography.Title>
      <DoneNotice done={applying.done} onClose={() => applying.setDone(undefined)} />
      <DoneNotice done={reversing.done} onClose={() => reversing.setDone(undefined)} />
      {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        <Table<OpenItem>
          size="small"
          rowKey={(i) => `${i.ledgerEntryId}-${i.instalment}`}
          dataSource={shown}
          pagination={shown.length > 20 ? { pageSize: 20 } : false}
          locale={{ emptyText: t('collections.openItemsEmpty') }}
          columns={[
            {
              title: t('collections.document'),
              key: 'doc',
              render: (_, i) => (
                <span data-testid={`open-item-${i.docNo ?? i.ledgerEntryId}`}>
                  {i.docNo ?? i.ledgerEntryId}
                  {i.instalments > 1 && ` (${i.instalment}/${i.instalments})`}
                </span>
              ),
            },
            { title: t('collections.documentDate'), dataIndex: 'documentDate' },
            {
              title: t('collections.dueDate'),
              key: 'due',
              render: (_, i) => (
                <Flex gap={4} wrap>
                  {i.dueDate}
                  {i.daysOverdue > 0 && !isZeroAmount(i.openAmount) && (
                    <Tag color="red">{t('collections.daysLate', { days: i.daysOverdue })}</Tag>
                  )}
                </Flex>
              ),
            },
            {
              title: t('collections.amount'),
              key: 'amount',
              align: 'right',
              render: (_, i) => `${formatAmount(i.amount)} ${i.currency}`,
            },
            {
              title: t('collections.openAmount'),
              key: 'open',
              align: 'right',
              render: (_, i) => formatAmount(i.openAmount),
            },
            {
              title: t('collections.settledBy'),
              key: 'applications',
              render: (_, i) => (
                <Flex vertical gap={4}>
                  {i.applications.map((a, index) => (
                    <Flex key={index} gap={6} align="center" wrap>
                      <span>
                        {creditName(a.creditEntryId)} {formatAmount(a.amount)}
                      </span>
                      <Tag>{t(`collections.source${a.source}`)}</Tag>
                      {mayApply && a.applicationId && (
                        <Button size="small" onClick={() => reversing.open({ item: i, application: a })}>
                          {t('collections.reverse')}
                        </Button>
                      )}
                    </Flex>
                  ))}
                </Flex>
              ),
            },
            ...(mayApply
              ? [
                  {
                    title: t('collections.actions'),
                    key: 'actions',
                    render: (_: unknown, i: OpenItem) =>
                      isZeroAmount(i.openAmount) ? null : (
                        <Button size="small" onClick={() => applying.open(i)}>
                          {t('collections.apply')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {settledLeftOut > 0 && (
        <Typography.Paragraph type="secondary" data-testid="settled-left-out" style={{ marginTop: 8 }}>
          {t('collections.settledLeftOut', { count: settledLeftOut })}
        </Typography.Paragraph>
      )}
      {applying.subject && (
        <ApplyReceivableModal
          item={applying.subject}
          credits={credits}
          refusal={applying.refusal}
          onSubmit={({ creditEntryId, amount }) =>
            settle(() =>
              applying.run(async (item) => {
                await actions.apply({ creditEntryId, debitEntryId: item.ledgerEntryId, amount });
                return t('collections.applied', { invoice: item.docNo ?? item.ledgerEntryId });
              }),
            )
          }
          onCancel={applying.close}
        />
      )}
      {reversing.subject && (
        <FormDialog<object>
          title={t('collections.reverseTitle')}
          okText={t('collections.reverse')}
          danger
          intro={
            <Typography.Paragraph>
              {t('collections.reverseExplained', {
                credit: creditName(reversing.subject.application.creditEntryId),
                amount: formatAmount(reversing.subject.application.amount),
                invoice: reversing.subject.item.docNo ?? reversing.subject.item.ledgerEntryId,
              })}
            </Typography.Paragraph>
          }
          refusal={reversing.refusal}
          onSubmit={() =>
            settle(() =>
              reversing.run(async ({ item, application }) => {
                await actions.reverse(application.applicationId!);
                return t('collections.reversed', { invoice: item.docNo ?? item.ledgerEntryId });
              }),
            )
          }
          onCancel={reversing.close}
        >
          {null}
        </FormDialog>
      )}
    </section>
  );
}
