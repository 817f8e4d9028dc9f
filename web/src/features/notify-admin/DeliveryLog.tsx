import { App, Button, Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import type { DeliveryView } from '../../../../src/contracts/http/notify-admin.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { cityDateTime } from '../../i18n/dates.js';
import { useI18n } from '../../i18n/index.js';
import { useNa, type NaKey } from '../../i18n/notify-admin.js';
import { kindLabel } from './Channels.js';
import { deliveryError } from './delivery-error.js';
import { useDeliveryLog, useNotifyAdminMutations, type DeliveryStatus } from './queries.js';

const STATUS_COLOUR: Record<DeliveryStatus, string> = { sent: 'green', pending: 'blue', failed: 'red' };
const urgencyKey = (u: string): NaKey => (u === 'urgent' || u === 'normal' || u === 'low' ? `urgency.${u}` : 'urgency.normal');

/** 发送记录: every delivery with what became of it (not the message's words); failed ones can be sent again. */
export function DeliveryLog() {
  const { lang } = useI18n();
  const na = useNa();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const log = useDeliveryLog(status);
  const m = useNotifyAdminMutations();
  return (
    <Card
      size="small"
      title={na('log')}
      extra={
        <Segmented<string>
          data-testid="log-status"
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? null : (v as DeliveryStatus))}
          options={(['all', 'sent', 'pending', 'failed'] as const).map((s) => ({ value: s, label: na(`status.${s}`) }))}
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
        locale={{ emptyText: na('noDeliveries') }}
        columns={[
          { key: 'at', title: na('time'), dataIndex: 'createdAt', render: (v: string, d) => cityDateTime(d.sentAt ?? v, lang) },
          { key: 'kind', title: na('channel'), dataIndex: 'channelKind', render: (k: string) => na(kindLabel(k)) },
          { key: 'to', title: na('recipient'), dataIndex: 'recipientName' },
          { key: 'u', title: na('urgency'), dataIndex: 'urgency', render: (u: string) => (u === 'urgent' ? <Tag color="red">{na(urgencyKey(u))}</Tag> : na(urgencyKey(u))) },
          { key: 's', title: na('state'), dataIndex: 'status', render: (s: DeliveryStatus) => <Tag color={STATUS_COLOUR[s]}>{na(`status.${s}`)}</Tag> },
          { key: 'n', title: na('attempts'), dataIndex: 'attempts' },
          {
            key: 'e',
            title: na('lastError'),
            dataIndex: 'lastError',
            render: (e: string | null) => {
              const kind = deliveryError(e);
              return kind ? na(`error.${kind}`) : '';
            },
          },
          {
            key: 'a',
            title: '',
            render: (_, d) =>
              d.status === 'failed' ? (
                <Button
                  type="link"
                  size="small"
                  onClick={() => m.resend.mutate(d.id, { onSuccess: () => void message.success(na('resent')), onError: (e) => void message.error(errorText(e)) })}
                >
                  {na('resend')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
