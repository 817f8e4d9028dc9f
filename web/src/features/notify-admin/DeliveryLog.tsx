import { App, Button, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import type { DeliveryView } from '../../../../src/contracts/http/notify-admin.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { cityDateTime } from '../../i18n/dates.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { kindLabel } from './Channels.js';
import { deliveryError } from './delivery-error.js';
import { useDeliveryLog, useNotifyAdminMutations, type DeliveryStatus } from './queries.js';

const STATUS_COLOUR: Record<DeliveryStatus, string> = { sent: 'green', pending: 'blue', failed: 'red' };
const urgencyKey = (u: string): MessageKey => (u === 'urgent' || u === 'normal' || u === 'low' ? `notifyAdmin.urgency.${u}` : 'notifyAdmin.urgency.normal');

/** 发送记录: every delivery with what became of it (not the message's words); failed ones can be sent again. */
export function DeliveryLog() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const log = useDeliveryLog(status);
  const m = useNotifyAdminMutations();
  return (
    <Card
      size="small"
      title={t('notifyAdmin.log')}
      extra={
        <Segmented<string>
          data-testid="log-status"
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? null : (v as DeliveryStatus))}
          options={(['all', 'sent', 'pending', 'failed'] as const).map((s) => ({ value: s, label: t(`notifyAdmin.status.${s}`) }))}
        />
      }
    >
      {log.isError ? <ErrorAlert error={log.error} onRetry={() => void log.refetch()} /> : null}
      <Table<DeliveryView>
        rowKey="id"
        size="small"
        data-testid="delivery-log"
        loading={log.isPending}
        dataSource={log.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('notifyAdmin.noDeliveries') }}
        columns={[
          { key: 'at', title: t('notifyAdmin.time'), dataIndex: 'createdAt', render: (v: string, d) => cityDateTime(d.sentAt ?? v, lang) },
          { key: 'kind', title: t('notifyAdmin.channel'), dataIndex: 'channelKind', render: (k: string) => t(kindLabel(k)) },
          { key: 'to', title: t('notifyAdmin.recipient'), dataIndex: 'recipientName' },
          { key: 'u', title: t('notifyAdmin.urgency'), dataIndex: 'urgency', render: (u: string) => (u === 'urgent' ? <Tag color="red">{t(urgencyKey(u))}</Tag> : t(urgencyKey(u))) },
          { key: 's', title: t('notifyAdmin.state'), dataIndex: 'status', render: (s: DeliveryStatus) => <Tag color={STATUS_COLOUR[s]}>{t(`notifyAdmin.status.${s}`)}</Tag> },
          { key: 'n', title: t('notifyAdmin.attempts'), dataIndex: 'attempts' },
          {
            key: 'e',
            title: t('notifyAdmin.lastError'),
            dataIndex: 'lastError',
            render: (e: string | null) => {
              const kind = deliveryError(e);
              return kind ? t(`notifyAdmin.error.${kind}`) : '';
            },
          },
          {
            key: 'a',
            title: '',
            render: (_, d) =>
              d.status === 'failed' ? (
                <Button type="link" size="small" onClick={() => m.resend.mutate(d.id, { onSuccess: () => void message.success(t('notifyAdmin.resent')), onError: (e) => void message.error(errorText(e)) })}>
                  {t('notifyAdmin.resend')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
