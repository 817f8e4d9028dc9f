import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type { AuditEvent } from '../api/types.js';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.js';
import { toCsv } from '../features/audit/csv.js';
import { allAuditEvents, useAuditLog, useChainVerification, type AuditFilter } from '../features/audit/queries.js';
import { useUnitName, useUnitOptions } from '../features/ledgers/queries.js';
import { useMe } from '../features/session/queries.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { zh } from '../i18n/zh.js';

/** Every event type the catalogue names: the choices of the event filter. */
const EVENT_TYPES = Object.keys(zh)
  .filter((k) => k.startsWith('event.'))
  .map((k) => k.slice('event.'.length));

/**
 * 审计 (auditor only): whether the keyed chain verifies, and the event log newest first — narrowed by person,
 * unit, item number, event type and days — with an export of what the filter selects.
 */
export default function AuditPage() {
  const { t, tx, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe().data;
  const verify = useChainVerification();
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAuditLog(filter);
  const unitName = useUnitName();
  const unitOptions = useUnitOptions();
  const [exporting, setExporting] = useState(false);
  const typeOptions = useMemo(() => EVENT_TYPES.map((k) => ({ value: k, label: t(`event.${k}` as MessageKey) })), [t]);
  if (me && !me.can.readAudit) return <Typography.Paragraph>{t('common.forbidden')}</Typography.Paragraph>;
  const v = verify.data;
  const events = log.data?.pages.flatMap((p) => p.events) ?? [];
  const head = log.data?.pages[0]?.head;
  const fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Shanghai' });
  const set = (patch: Partial<Record<keyof AuditFilter, string | undefined>>) =>
    setFilter((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, x]) => x !== undefined && x !== '')) as AuditFilter);
  // A failed login has no actor: the name it tried is what the auditor looks for.
  const actorOf = (e: AuditEvent) => e.actorName ?? (typeof e.payload?.username === 'string' ? e.payload.username : (e.actorUserId ?? t('audit.system')));
  const itemOf = (e: AuditEvent) => e.itemNumber ?? (e.itemId ? `${e.itemId.slice(0, 8)}…` : '');
  const download = async () => {
    setExporting(true);
    try {
      const { events: rows, truncated } = await allAuditEvents(filter);
      const header = [t('audit.seq'), t('audit.at'), t('audit.type'), t('audit.actor'), t('audit.unit'), t('audit.item'), t('audit.hash')];
      const text = toCsv(
        header,
        rows.map((e) => [e.seq, fmt.format(new Date(e.at)), tx('event', e.type), actorOf(e), e.actorUnitId ? unitName(e.actorUnitId) : '', itemOf(e), e.hash]),
      );
      const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${t('audit.exportName')}-${dayjs().format('YYYYMMDD-HHmm')}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      if (truncated) void message.warning(t('audit.exportTruncated', { n: rows.length }));
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setExporting(false);
    }
  };
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
      <Card
        size="small"
        title={head ? `${t('audit.head')} #${head.seq}` : t('audit.title')}
        extra={
          <Button onClick={() => void download()} loading={exporting} data-testid="audit-export">
            {t('audit.export')}
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }} data-testid="audit-filters">
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            placeholder={t('audit.type')}
            aria-label={t('audit.type')}
            options={typeOptions}
            value={filter.type}
            onChange={(x: string | undefined) => set({ type: x })}
          />
          <Input.Search allowClear style={{ width: 180 }} placeholder={t('audit.byUser')} aria-label={t('audit.byUser')} onSearch={(x) => set({ user: x.trim() })} />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 220 }}
            placeholder={t('audit.unit')}
            aria-label={t('audit.unit')}
            options={unitOptions}
            value={filter.unit}
            onChange={(x: string | undefined) => set({ unit: x })}
          />
          <Input.Search allowClear style={{ width: 220 }} placeholder={t('audit.byItem')} aria-label={t('audit.byItem')} onSearch={(x) => set({ item: x.trim() })} />
          <DatePicker.RangePicker
            aria-label={t('audit.days')}
            allowEmpty={[true, true]}
            value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          />
        </Space>
        {log.isError ? <ErrorAlert error={log.error} /> : null}
        <Table<AuditEvent>
          rowKey="seq"
          size="small"
          loading={log.isPending}
          pagination={false}
          dataSource={events}
          locale={{ emptyText: t('audit.none') }}
          scroll={{ x: 900 }}
          columns={[
            { key: 'seq', title: t('audit.seq'), dataIndex: 'seq', width: 70 },
            { key: 'at', title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => fmt.format(new Date(v)) },
            { key: 'type', title: t('audit.type'), dataIndex: 'type', width: 150, render: (v: string) => tx('event', v) },
            { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName', width: 140, render: (_: unknown, e: AuditEvent) => actorOf(e) },
            { key: 'unit', title: t('audit.unit'), dataIndex: 'actorUnitId', width: 160, render: (v: string | null) => unitName(v) },
            {
              key: 'item',
              title: t('audit.item'),
              dataIndex: 'itemNumber',
              width: 160,
              render: (_: string | null, e: AuditEvent) => itemOf(e),
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
