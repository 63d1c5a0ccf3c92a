import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Flex, List, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/I18nProvider';
import { recoveryCodesText } from '../../services/two-factor';

interface Props {
  codes: readonly string[];
  onDone(): void;
}

/** The recovery codes, shown this once: copy them or download them as a text file. */
export function RecoveryCodes({ codes, onDone }: Props) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const text = recoveryCodesText(t('twoFactor.recoveryTitle'), codes);
  const fileUrl = useMemo(() => URL.createObjectURL(new Blob([text], { type: 'text/plain' })), [text]);
  useEffect(() => () => URL.revokeObjectURL(fileUrl), [fileUrl]);
  return (
    <section aria-labelledby="recovery-codes-title">
      <Typography.Title level={3} id="recovery-codes-title" style={{ fontSize: 16 }}>
        {t('twoFactor.recoveryTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon title={t('twoFactor.recoveryIntro')} style={{ marginBottom: 16 }} />
      <List
        size="small"
        bordered
        data-testid="recovery-codes"
        dataSource={[...codes]}
        renderItem={(code) => (
          <List.Item>
            <Typography.Text code>{code}</Typography.Text>
          </List.Item>
        )}
        style={{ marginBottom: 16 }}
      />
      {copied && <Alert type="success" showIcon title={t('twoFactor.copied')} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('twoFactor.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} href={fileUrl} download="recon-recovery-codes.txt">
          {t('twoFactor.download')}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t('twoFactor.recoveryDone')}
        </Button>
      </Flex>
    </section>
  );
}
