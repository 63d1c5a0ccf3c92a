import { useState } from 'react';
import { Alert, Button, Flex, Result, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageSpinner } from '../../components/PageSpinner';
import { useI18n } from '../../i18n/I18nProvider';
import {
  canAnswer,
  downloadStatementPdf,
  linkProblemOf,
  tokenFromSearch,
  useCustomerStatement,
  type CustomerStatement,
} from '../../services/customer-link';
import { AnswerPanel } from './AnswerPanel';
import { LinkProblemPage } from './LinkProblemPage';
import { ReceiptView } from './ReceiptView';
import { StatementView } from './StatementView';
import { UploadPanel } from './UploadPanel';
import './confirm.css';

/**
 * The customer's page, opened from the statement e-mail (`/confirm?token=…`), without an account:
 * the statement as printed, then confirm the balance or dispute lines; a receipt once answered.
 */
export default function ConfirmPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = tokenFromSearch(params);
  const { statement, loading, error, refetch } = useCustomerStatement(token);

  let content;
  if (!token) content = <LinkProblemPage problem="missing" />;
  else if (loading && !statement) content = <PageSpinner />;
  else if (error) {
    const problem = linkProblemOf(error);
    content = problem ? (
      <LinkProblemPage problem={problem} />
    ) : (
      <Result
        status="warning"
        title={<h1 className="confirm-heading">{t('confirm.problemUnreachable')}</h1>}
        extra={<Button onClick={() => void refetch()}>{t('confirm.retry')}</Button>}
      />
    );
  } else if (statement)
    content = <Answerable token={token} statement={statement} onAnswered={() => void refetch()} />;

  return (
    <div className="confirm-page">
      <header className="confirm-header">
        <Typography.Text strong>{t('common.appName')}</Typography.Text>
        <LanguageSwitch />
      </header>
      <main className="confirm-main">{content}</main>
    </div>
  );
}

function Answerable({
  token,
  statement,
  onAnswered,
}: {
  token: string;
  statement: CustomerStatement;
  onAnswered(): void;
}) {
  const { t, language } = useI18n();
  const [selected, setSelected] = useState<number[]>([]);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const open = canAnswer(statement);
  const toggle = (lineNo: number) =>
    setSelected((current) =>
      current.includes(lineNo)
        ? current.filter((n) => n !== lineNo)
        : [...current, lineNo].sort((a, b) => a - b),
    );
  const download = () => {
    setDownloadFailed(false);
    downloadStatementPdf(token, statement.periodId, language === 'zh-CN' ? 'zh' : 'en').catch(() =>
      setDownloadFailed(true),
    );
  };
  return (
    <Flex vertical gap={16}>
      {statement.answer ? (
        <ReceiptView statement={statement} />
      ) : (
        <Typography.Title level={1} className="confirm-heading">
          {t('confirm.title')}
        </Typography.Title>
      )}
      {!open && !statement.answer && (
        <Alert type="info" showIcon title={t('confirm.closedTitle')} description={t('confirm.closedText')} />
      )}
      <StatementView
        statement={statement}
        selection={open ? { selected: new Set(selected), toggle } : undefined}
      />
      <Button icon={<DownloadOutlined />} onClick={download}>
        {t('confirm.downloadPdf')}
      </Button>
      {downloadFailed && <Alert type="error" showIcon role="alert" title={t('confirm.downloadFailed')} />}
      {open && (
        <AnswerPanel token={token} statement={statement} selected={selected} onAnswered={onAnswered} />
      )}
      {open && <UploadPanel token={token} statement={statement} />}
    </Flex>
  );
}
