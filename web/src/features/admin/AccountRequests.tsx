import { App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import type { AccountRequest, UserView } from '../../api/types.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { useMe } from '../session/queries.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { cityDateTime } from '../../i18n/dates.js';
import { useAccountRequests, useAdminMutations } from './queries.js';

/**
 * 待审批: account changes that need a second person (三权分立) — a password or second-factor reset the system
 * admin asked for, a change to an admin account. The other admin role approves or refuses here; the requester
 * sees the request waiting and cannot decide it.
 */
export default function AccountRequests({ users }: { readonly users: readonly UserView[] }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const errorText = useErrorText();
  const requests = useAccountRequests(true);
  const { decide } = useAdminMutations();
  const nameOf = (id: string) => users.find((u) => u.id === id)?.displayName ?? t('admin.unknownUser');
  const mine: readonly string[] = me?.user.roles ?? [];
  const mayDecide = (r: AccountRequest) => me != null && r.requestedBy !== me.user.id && r.userId !== me.user.id && r.approverRoles.some((role) => mine.includes(role));
  const onDecide = (r: AccountRequest, approve: boolean) =>
    decide.mutate(
      { id: r.id, approve },
      { onSuccess: () => void message.success(t(approve ? 'admin.approved' : 'admin.refused')), onError: (e) => void message.error(errorText(e)) },
    );
  if (requests.isError) return <ErrorAlert error={requests.error} />;
  return (
    <Table<AccountRequest>
      rowKey="id"
      size="small"
      loading={requests.isPending}
      dataSource={requests.data ?? []}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('admin.noRequests')} /> }}
      scroll={{ x: 800 }}
      columns={[
        { key: 'k', title: t('admin.requestKind'), dataIndex: 'kind', render: (k: AccountRequest['kind']) => <Tag>{t(`admin.request.${k}` as MessageKey)}</Tag> },
        {
          key: 'u',
          title: t('admin.requestFor'),
          render: (_, r) => (
            <Space size={4} wrap>
              <span>{nameOf(r.userId)}</span>
              {r.roles ? r.roles.map((x) => <Tag key={x}>{t(`role.${x}` as MessageKey)}</Tag>) : null}
            </Space>
          ),
        },
        { key: 'by', title: t('admin.requestedBy'), render: (_, r) => nameOf(r.requestedBy) },
        { key: 'at', title: t('admin.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => cityDateTime(v, lang) },
        { key: 'who', title: t('admin.approver'), render: (_, r) => r.approverRoles.map((x) => t(`role.${x}` as MessageKey)).join(t('common.or')) },
        {
          key: 'a',
          title: '',
          render: (_, r) =>
            mayDecide(r) ? (
              <Space size="small">
                <Button size="small" type="primary" data-testid={`approve-${r.id}`} loading={decide.isPending} onClick={() => onDecide(r, true)}>
                  {t('admin.approve')}
                </Button>
                <Button size="small" danger onClick={() => onDecide(r, false)} loading={decide.isPending}>
                  {t('admin.refuse')}
                </Button>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('admin.waitingOther')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
