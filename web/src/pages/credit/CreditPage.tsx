import { useState } from 'react';
import { Alert, Button, Card, Flex, Space, Table, Tag, Typography } from 'antd';
import { DoneNotice } from '../../components/DoneNotice';
import { LiveIndicator } from '../../components/LiveIndicator';
import { useSubjectDialog } from '../../components/use-subject-dialog';
import { formatAmount } from '../../format/amount';
import type { MessageKey } from '../../i18n/catalog';
import { useT } from '../../i18n/I18nProvider';
import {
  useCreditActions,
  useCreditDirectActions,
  useCreditOverview,
  type CreditStanding,
  type PendingCreditRequest,
} from '../../services/credit';
import {
  canManageCredit,
  canPlaceHold,
  canRequestCredit,
  componentShare,
  decisionBlock,
  suggestionEffect,
} from '../../services/credit-rules';
import { useRefusalMessage } from '../../services/refusals';
import { useSession, type Role } from '../../services/session';
import { CreditActionModal, type CreditDirectAction } from './CreditActionModal';
import { CreditRequestModal, type CreditRequestKind } from './CreditRequestModal';
import { PaymentTermsModal } from './PaymentTermsModal';

const CLASS_COLOURS: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/**
 * Credit (信用管理): every customer's limit, exposure, class and score explained by component, the
 * hold flag; clerks and managers ask for a limit change or a hold's release, managers decide the
 * requests of others. Auditors see it read-only.
 */
export default function CreditPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const { state } = useSession();
  const role: Role = state.status === 'signedIn' ? state.user.role : 'AUDITOR';
  const { standings, requests, loading, error, refetch, live, hasMore, loadMore } = useCreditOverview();
  const { requestLimit, requestRelease, decide, busy } = useCreditActions();
  const asking = useSubjectDialog<{ standing: CreditStanding; kind: CreditRequestKind }>();
  const [failure, setFailure] = useState<string>();
  const mayRequest = canRequestCredit(role);
  const mayHold = canPlaceHold(role);
  const mayManage = canManageCredit(role);
  const direct = useCreditDirectActions();
  const acting = useSubjectDialog<{ standing: CreditStanding; action: CreditDirectAction | 'terms' }>();

  /** An action that applies at once; refused or not, the standings are read again (they may have moved on). */
  const act = async (perform: (standing: CreditStanding) => Promise<string>) => {
    asking.setDone(undefined);
    await acting.run(({ standing }) => perform(standing));
    await refetch();
  };

  const submitRequest = async ({ amount, reason }: { amount: string; reason: string }) => {
    await asking.run(async ({ standing, kind }) => {
      const { customerCode, currency } = standing;
      if (kind === 'limit') await requestLimit({ customerCode, currency, amount, reason });
      else await requestRelease(customerCode, reason);
      return t('credit.requested', { customer: customerCode });
    });
    await refetch();
  };

  const decideRequest = async (request: PendingCreditRequest, approve: boolean) => {
    setFailure(undefined);
    try {
      await decide(request.id, approve, '');
      asking.setDone(t(approve ? 'credit.approved' : 'credit.rejected', { customer: request.customerCode }));
    } catch (refusal) {
      setFailure(refusalMessage(refusal));
    }
    await refetch();
  };

  const amountOrNone = (value: string | null | undefined, none: MessageKey) =>
    value == null ? <Typography.Text type="secondary">{t(none)}</Typography.Text> : formatAmount(value);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex align="center" gap={12}>
          <Typography.Title level={2}>{t('credit.title')}</Typography.Title>
          <LiveIndicator state={live} />
        </Flex>
        <Typography.Paragraph type="secondary">
          {t(mayRequest ? 'credit.intro' : 'credit.introReadOnly')}
        </Typography.Paragraph>
        <DoneNotice done={asking.done} onClose={() => asking.setDone(undefined)} />
        <DoneNotice done={acting.done} onClose={() => acting.setDone(undefined)} />
        {(error || failure) && (
          <Alert
            type="error"
            showIcon
            title={failure ?? refusalMessage(error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Table<CreditStanding>
          rowKey="customerCode"
          loading={loading}
          dataSource={standings}
          pagination={false}
          locale={{ emptyText: t('credit.empty') }}
          // Only when some customer is scored: otherwise antd keeps an empty first column.
          expandable={
            standings.some((standing) => standing.components.length > 0)
              ? {
                  expandedRowRender: (standing) => <ScoreExplained standing={standing} />,
                  rowExpandable: (standing) => standing.components.length > 0,
                }
              : undefined
          }
          columns={[
            {
              title: t('credit.customer'),
              key: 'customer',
              render: (_, s) => (
                <span data-testid={`credit-${s.customerCode}`}>
                  {s.customerCode} {s.customerName}
                </span>
              ),
            },
            { title: t('credit.currency'), dataIndex: 'currency' },
            {
              title: t('credit.limit'),
              key: 'limit',
              align: 'right',
              render: (_, s) => amountOrNone(s.limit, 'credit.noLimit'),
            },
            {
              title: t('credit.exposure'),
              key: 'exposure',
              align: 'right',
              render: (_, s) => formatAmount(s.exposure),
            },
            {
              title: t('credit.available'),
              key: 'available',
              align: 'right',
              render: (_, s) =>
                s.available != null && s.available.startsWith('-') ? (
                  <Tag color="red">{t('credit.overBy', { amount: formatAmount(s.available.slice(1)) })}</Tag>
                ) : (
                  amountOrNone(s.available, 'credit.noLimit')
                ),
            },
            {
              title: t('credit.riskClass'),
              key: 'class',
              render: (_, s) => <Tag color={CLASS_COLOURS[s.riskClass]}>{s.riskClass}</Tag>,
            },
            {
              title: t('credit.score'),
              key: 'score',
              align: 'right',
              render: (_, s) => (s.score == null ? t('credit.unscored') : s.score),
            },
            {
              title: t('credit.hold'),
              key: 'hold',
              render: (_, s) =>
                s.onHold ? (
                  <Tag color="red" title={s.holdReason ?? undefined}>
                    {t('credit.onHold')}
                  </Tag>
                ) : null,
            },
            ...(mayRequest
              ? [
                  {
                    title: t('credit.actions'),
                    key: 'actions',
                    render: (_: unknown, s: CreditStanding) => (
                      <Space wrap>
                        <Button size="small" onClick={() => asking.open({ standing: s, kind: 'limit' })}>
                          {t('credit.requestLimit')}
                        </Button>
                        {s.onHold && (
                          <Button size="small" onClick={() => asking.open({ standing: s, kind: 'release' })}>
                            {t('credit.requestRelease')}
                          </Button>
                        )}
                        {mayHold && !s.onHold && (
                          <Button
                            size="small"
                            danger
                            onClick={() => acting.open({ standing: s, action: 'hold' })}
                          >
                            {t('credit.holdPlace')}
                          </Button>
                        )}
                        {mayManage && s.limit != null && (
                          <Button size="small" onClick={() => acting.open({ standing: s, action: 'lower' })}>
                            {t('credit.lowerLimit')}
                          </Button>
                        )}
                        {mayManage && ['LOWERS', 'ASKS'].includes(suggestionEffect(s)) && (
                          <Button size="small" onClick={() => acting.open({ standing: s, action: 'accept' })}>
                            {t('credit.acceptSuggested')}
                          </Button>
                        )}
                        {mayManage && (
                          <Button size="small" onClick={() => acting.open({ standing: s, action: 'terms' })}>
                            {t('credit.terms')}
                          </Button>
                        )}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {hasMore && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button onClick={() => void loadMore()} loading={loading}>
              {t('common.loadMore')}
            </Button>
          </Flex>
        )}
      </Card>
      <Card title={<Typography.Title level={3}>{t('credit.pendingTitle')}</Typography.Title>}>
        {requests.length === 0 && !loading && (
          <Typography.Paragraph>{t('credit.pendingEmpty')}</Typography.Paragraph>
        )}
        <Flex vertical gap={12}>
          {requests.map((request) => {
            const block = decisionBlock(role, request);
            return (
              <Card key={request.id} size="small" data-testid={`credit-request-${request.id}`}>
                <Typography.Paragraph>
                  <Typography.Text strong>
                    {request.customerCode} · {t(`credit.kind${request.kind}`)}
                    {request.amount != null && ` ${formatAmount(request.amount)} ${request.currency ?? ''}`}
                  </Typography.Text>
                </Typography.Paragraph>
                <Typography.Paragraph>
                  {t('credit.reasonIs', { reason: request.reason })}
                  <br />
                  {t('credit.maker', { who: request.requestedBy })}
                </Typography.Paragraph>
                {block ? (
                  <Typography.Paragraph type="secondary">{t(`credit.block${block}`)}</Typography.Paragraph>
                ) : (
                  <Space>
                    <Button type="primary" loading={busy} onClick={() => void decideRequest(request, true)}>
                      {t('credit.approve')}
                    </Button>
                    <Button danger loading={busy} onClick={() => void decideRequest(request, false)}>
                      {t('credit.reject')}
                    </Button>
                  </Space>
                )}
              </Card>
            );
          })}
        </Flex>
      </Card>
      {asking.subject && (
        <CreditRequestModal
          kind={asking.subject.kind}
          title={t(
            asking.subject.kind === 'limit' ? 'credit.requestLimitTitle' : 'credit.requestReleaseTitle',
            {
              customer: `${asking.subject.standing.customerCode} ${asking.subject.standing.customerName}`,
              currency: asking.subject.standing.currency,
            },
          )}
          refusal={asking.refusal}
          onSubmit={submitRequest}
          onCancel={asking.close}
        />
      )}
      {acting.subject &&
        (acting.subject.action === 'terms' ? (
          <PaymentTermsModal
            standing={acting.subject.standing}
            refusal={acting.refusal}
            onSubmit={({ termsCode, effectiveFrom }) =>
              act(async ({ customerCode }) => {
                await direct.assignTerms(customerCode, termsCode, effectiveFrom);
                return t('credit.termsDone', { customer: customerCode, terms: termsCode });
              })
            }
            onCancel={acting.close}
          />
        ) : (
          <CreditActionModal
            action={acting.subject.action}
            standing={acting.subject.standing}
            refusal={acting.refusal}
            onSubmit={({ amount, reason }) =>
              act(async (standing) => {
                const { customerCode, currency } = standing;
                const action = acting.subject?.action;
                if (action === 'hold') {
                  await direct.placeHold(customerCode, reason);
                  return t('credit.holdDone', { customer: customerCode });
                }
                if (action === 'lower') await direct.lowerLimit({ customerCode, currency, amount, reason });
                else await direct.acceptSuggested(customerCode);
                return t(
                  action === 'lower' || suggestionEffect(standing) === 'LOWERS'
                    ? 'credit.lowerDone'
                    : 'credit.requested',
                  { customer: customerCode },
                );
              })
            }
            onCancel={acting.close}
          />
        ))}
    </Flex>
  );
}

/** The score explained: each component's measure, points, weight and what it adds to the score. */
function ScoreExplained({ standing }: { standing: CreditStanding }) {
  const t = useT();
  return (
    <Table
      size="small"
      rowKey="kind"
      pagination={false}
      dataSource={standing.components}
      caption={t('credit.componentsCaption', {
        score: standing.score ?? '',
        scoredOn: standing.scoredOn ?? '',
        suggested: standing.suggestedLimit ? formatAmount(standing.suggestedLimit) : t('credit.none'),
      })}
      columns={[
        { title: t('credit.component'), key: 'kind', render: (_, c) => t(`credit.component${c.kind}`) },
        { title: t('credit.measure'), dataIndex: 'measure', align: 'right' },
        { title: t('credit.points'), dataIndex: 'points', align: 'right' },
        { title: t('credit.weight'), key: 'weight', align: 'right', render: (_, c) => `${c.weight}%` },
        {
          title: t('credit.share'),
          key: 'share',
          align: 'right',
          render: (_, c) => componentShare(c).toFixed(2),
        },
      ]}
    />
  );
}
