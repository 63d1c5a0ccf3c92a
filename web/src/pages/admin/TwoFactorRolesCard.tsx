import { useState } from 'react';
import { Button, Card, Checkbox, Flex, Typography } from 'antd';
import { useT } from '../../i18n/I18nProvider';
import { useTwoFactorRoles, type UserRole } from '../../services/admin-users';
import { ROLES } from '../../services/session';
import { FeedbackAlert, useActionFeedback } from './AdminTable';

/** Admins: which roles must sign in with a second factor (the API audits each change). */
export function TwoFactorRolesCard() {
  const t = useT();
  const { roles, save, saving } = useTwoFactorRoles();
  /** The admin's choice once they touch it; until then the server's. */
  const [touched, setChosen] = useState<UserRole[]>();
  const chosen = touched ?? roles ?? [];
  const { feedback, setFeedback, run } = useActionFeedback();
  return (
    <Card style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="two-factor-roles-title" style={{ fontSize: 18 }}>
        {t('adminUsers.requiredRolesTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('adminUsers.requiredRolesIntro')}</Typography.Paragraph>
      <FeedbackAlert feedback={feedback} onClose={() => setFeedback(undefined)} />
      <Flex gap={16} align="center" wrap>
        <Checkbox.Group<UserRole>
          aria-labelledby="two-factor-roles-title"
          value={chosen}
          disabled={!roles || saving}
          onChange={setChosen}
          options={ROLES.map((value) => ({ value, label: t(`layout.role${value}`) }))}
        />
        <Button
          type="primary"
          loading={saving}
          disabled={!roles}
          onClick={() => void run(() => save(chosen), t('adminUsers.requiredRolesSaved'))}
        >
          {t('adminUsers.requiredRolesSave')}
        </Button>
      </Flex>
    </Card>
  );
}
