import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../i18n/I18nProvider';

interface Props {
  title: string;
  secret: string;
  onClose(): void;
}

/** A secret the server shows once (an API key, a webhook's signing secret): copy it now, it never comes back. */
export function SecretOnceModal({ title, secret, onClose }: Props) {
  const t = useT();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('admin.secretStored')}
        </Button>
      }
      maskClosable={false}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('admin.secretOnceWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph
        code
        copyable={{ text: secret, tooltips: [t('admin.copy'), t('admin.copied')] }}
        data-testid="secret-once"
        style={{ wordBreak: 'break-all' }}
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
