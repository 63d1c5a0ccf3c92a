import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { customerSettingsPath } from '../../app/paths';
import { useT } from '../../i18n/I18nProvider';
import { useAdminCustomers, type AdminCustomer } from '../../services/admin-customers';
import { useRefusalMessage } from '../../services/refusals';

/** Admins: find a customer, open their settings. */
export default function CustomersPage() {
  const t = useT();
  const refusalMessage = useRefusalMessage();
  const [search, setSearch] = useState('');
  const { customers, loading, error, hasMore, loadMore } = useAdminCustomers(search);

  return (
    <Card>
      <Typography.Title level={2}>{t('adminSettings.customersTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('adminSettings.customersIntro')}</Typography.Paragraph>
      <Input.Search
        allowClear
        aria-label={t('adminSettings.search')}
        placeholder={t('adminSettings.search')}
        onSearch={setSearch}
        style={{ maxWidth: 360, marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon title={refusalMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<AdminCustomer>
        rowKey="id"
        loading={loading}
        locale={{ emptyText: t(search ? 'admin.customersNoMatch' : 'admin.customersEmpty') }}
        dataSource={customers}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('adminSettings.code'), dataIndex: 'code' },
          { title: t('adminSettings.name'), dataIndex: 'name' },
          { title: t('adminSettings.currency'), dataIndex: 'currency' },
          {
            title: t('adminSettings.status'),
            dataIndex: 'status',
            // The API's word (a string, not an enum in the schema): said in the page's language when known.
            render: (status: string) =>
              status === 'ACTIVE' || status === 'INACTIVE' ? t(`adminSettings.status${status}`) : status,
          },
          {
            title: t('adminSettings.actions'),
            key: 'actions',
            render: (_, customer) => (
              <Link
                to={customerSettingsPath(customer.code)}
                aria-label={t('adminSettings.openSettingsOf', { name: customer.name })}
              >
                {t('adminSettings.openSettings')}
              </Link>
            ),
          },
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
  );
}
