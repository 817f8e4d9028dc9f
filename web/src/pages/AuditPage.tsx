import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Typography } from 'antd';
import type { AuditEvent } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useAuditLog, useChainVerification } from '../features/audit/queries.js';
import { useUnitName } from '../features/ledgers/queries.js';
import { useMe } from '../features/session/queries.js';
import { useI18n } from '../i18n/index.js';

/** 审计 (auditor only): whether the keyed chain verifies, and the event log. */
export default function AuditPage() {
  const { t, tx, lang } = useI18n();
  const me = useMe().data;
  const verify = useChainVerification();
  const log = useAuditLog();
  const unitName = useUnitName();
  if (me && !me.can.readAudit) return <Typography.Paragraph>{t('common.forbidden')}</Typography.Paragraph>;
  const v = verify.data;
  const events = log.data?.pages.flatMap((p) => p.events) ?? [];
  const head = log.data?.pages[0]?.head;
  const fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Card
        size="small"
        title={t('audit.chain')}
        extra={
          <Button onClick={() => void verify.refetch()} loading={verify.isFetching}>
            {t('audit.verify')}
          </Button>
        }
      >
        {verify.isError ? <ErrorAlert error={verify.error} /> : null}
        {v?.ok === true ? (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleTwoTone twoToneColor="#52c41a" />}
            role="status"
            data-testid="chain-status"
            data-ok="true"
            message={t('audit.verified', { n: v.count })}
            description={`${t('audit.head')}: #${v.headSeq} ${v.headHash.slice(0, 16)}…`}
          />
        ) : null}
        {v?.ok === false ? (
          <Alert
            type="error"
            showIcon
            icon={<CloseCircleTwoTone twoToneColor="#cf1322" />}
            role="alert"
            data-testid="chain-status"
            data-ok="false"
            message={t('audit.broken', { seq: v.seq })}
            description={lang === 'zh' ? v.messageZh : v.message}
          />
        ) : null}
      </Card>
      <Card size="small" title={head ? `${t('audit.head')} #${head.seq}` : t('audit.title')}>
        {log.isError ? <ErrorAlert error={log.error} /> : null}
        <Table<AuditEvent>
          rowKey="seq"
          size="small"
          loading={log.isPending}
          pagination={false}
          dataSource={events}
          scroll={{ x: 900 }}
          columns={[
            { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 70 },
            { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => fmt.format(new Date(v)) },
            { key: 'type', title: t('audit.type'), dataIndex: 'type', width: 150, render: (v: string) => tx('event', v) },
            { key: 'actor', title: t('audit.actor'), dataIndex: 'actorUserId', width: 140 },
            { key: 'unit', title: t('audit.unit'), dataIndex: 'actorUnitId', width: 160, render: (v: string | null) => unitName(v) },
            {
              key: 'item',
              title: t('audit.item'),
              dataIndex: 'itemNumber',
              width: 160,
              render: (v: string | null, e: AuditEvent) => v ?? (e.itemId ? `${e.itemId.slice(0, 8)}…` : ''),
            },
            { key: 'hash', title: t('audit.hash'), dataIndex: 'hash', render: (v: string) => <Typography.Text code>{v.slice(0, 16)}…</Typography.Text> },
          ]}
        />
        {log.hasNextPage ? (
          <Button style={{ marginTop: 8 }} onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('audit.loadMore')}
          </Button>
        ) : null}
      </Card>
    </Space>
  );
}
