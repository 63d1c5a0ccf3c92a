import { useState } from 'react';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { formatAmount } from '../../format/amount';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import type { CustomerStatement } from '../../services/customer-link';
import {
  CUSTOMER_UPLOAD_HEADERS,
  CUSTOMER_UPLOAD_MAX_BYTES,
  saveBlob,
  templateCsv,
  uploadStatementFile,
  type FileIssue,
  type UploadOutcome,
} from '../../services/customer-upload';

/** Each problem of a file in the reader's words; the server's (English) message is the fallback detail. */
const ISSUE_WORDS: Readonly<Record<string, MessageKey>> = {
  HEADER_NOT_FOUND: 'confirm.issueHeader',
  COLUMN_NOT_FOUND: 'confirm.issueHeader',
  MISSING_VALUE: 'confirm.issueMissing',
  INVALID_AMOUNT: 'confirm.issueAmount',
  AMOUNT_TOO_PRECISE: 'confirm.issueAmount',
  AMOUNT_OUT_OF_RANGE: 'confirm.issueAmount',
  INVALID_DATE: 'confirm.issueDate',
  AMBIGUOUS_DATE: 'confirm.issueDate',
  DATE_OUT_OF_PERIOD: 'confirm.issueOutOfPeriod',
  UNSUPPORTED_FORMAT: 'confirm.issueFormat',
  ENCODING_ERROR: 'confirm.issueFormat',
  EMPTY_FILE: 'confirm.issueEmpty',
  NO_LINES: 'confirm.issueEmpty',
  CURRENCY_MISMATCH: 'confirm.issueCurrency',
  INVALID_CURRENCY: 'confirm.issueCurrency',
};

const REFUSAL_WORDS: Readonly<Record<string, MessageKey>> = {
  UNAUTHENTICATED: 'confirm.uploadLinkInvalid',
  WRONG_STATE: 'confirm.uploadClosed',
  PAYLOAD_TOO_LARGE: 'confirm.uploadTooLarge',
  NETWORK: 'confirm.problemUnreachable',
};

/**
 * Optional, beside the answer: the customer sends their own statement file (CSV or XLSX, the blank
 * template's columns), which our accountant compares with ours. A new file replaces the last one.
 */
export function UploadPanel({ token, statement }: { token: string; statement: CustomerStatement }) {
  const { t, language } = useI18n();
  const lang = language === 'zh-CN' ? 'zh' : 'en';
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<UploadOutcome>();

  const send = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await uploadStatementFile(token, file));
    } finally {
      setBusy(false);
    }
  };
  const issueText = (issue: FileIssue) => {
    const words = ISSUE_WORDS[issue.code];
    const what = words
      ? t(words, {
          columns: CUSTOMER_UPLOAD_HEADERS[lang].join(', '),
          start: statement.periodStart,
          end: statement.periodEnd,
        })
      : issue.message;
    const where =
      issue.row === null
        ? issue.column
          ? t('confirm.issueColumn', { column: issue.column })
          : ''
        : t(issue.column ? 'confirm.issueRowColumn' : 'confirm.issueRow', {
            row: issue.row,
            column: issue.column ?? '',
          });
    const text = where ? t('confirm.issueAt', { where, what }) : what;
    return issue.value ? `${text}${t('confirm.issueValue', { value: issue.value })}` : text;
  };
  const mb = Math.round(CUSTOMER_UPLOAD_MAX_BYTES / 1024 / 1024);

  return (
    <Card className="confirm-answer" data-testid="upload-panel">
      <Typography.Title level={2} className="confirm-subheading">
        {t('confirm.uploadTitle')}
      </Typography.Title>
      <Typography.Paragraph>
        {t('confirm.uploadText', { columns: CUSTOMER_UPLOAD_HEADERS[lang].join(', '), mb })}
      </Typography.Paragraph>
      <Flex vertical gap={8}>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => saveBlob(templateCsv(lang), t('confirm.templateFileName'))}
        >
          {t('confirm.downloadTemplate')}
        </Button>
        <label htmlFor="statement-file">{t('confirm.chooseFile')}</label>
        <input
          id="statement-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setOutcome(undefined);
          }}
        />
        <Button
          icon={<UploadOutlined />}
          block
          disabled={!file || busy}
          loading={busy}
          onClick={() => void send()}
        >
          {t('confirm.sendFile')}
        </Button>
        {outcome?.status === 'IMPORTED' && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('confirm.uploadDone', {
              file: outcome.fileName,
              count: outcome.lineCount,
              amount: formatAmount(outcome.closingBalance),
              currency: statement.currency,
            })}
          />
        )}
        {outcome?.status === 'REJECTED' && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t('confirm.uploadRejected', { count: outcome.rejectedRowCount })}
            description={
              <ul className="confirm-receipt-lines" data-testid="upload-issues">
                {outcome.issues.map((issue, index) => (
                  <li key={index}>{issueText(issue)}</li>
                ))}
              </ul>
            }
          />
        )}
        {outcome?.status === 'REFUSED' && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t(REFUSAL_WORDS[outcome.refusal.code] ?? 'confirm.uploadFailed', { mb })}
          />
        )}
      </Flex>
    </Card>
  );
}
