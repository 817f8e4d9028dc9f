import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, qs } from '../api/client.js';
import type { ItemView, Page } from '../api/types.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { pct, statsParamsFrom, statsQuery, useStats } from '../features/stats/queries.js';
import { useLedgerTypes, useLocalised, useUnitName } from '../features/ledgers/queries.js';
import { useI18n } from '../i18n/index.js';

/** 通报: a printable bulletin of the period — summary, ranking, and the items on red. */
export default function BulletinPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const s = statsParamsFrom(params);
  const stats = useStats(s);
  const unitName = useUnitName();
  const localised = useLocalised();
  const types = useLedgerTypes().data ?? [];
  const red = useQuery({
    queryKey: ['bulletin', 'red', s.ledger],
    queryFn: () => api<Page<ItemView>>(`/items${qs({ light: 'red', ledger: s.ledger, sort: 'deadline_asc', limit: 200 })}`),
  });
  if (stats.isPending) return <PageLoading />;
  if (stats.isError) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  const d = stats.data;
  const period = s.from && s.to ? `${s.from} — ${s.to}` : t('stats.allTime');
  const at = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date(d.at));
  const groups = new Map(d.groups.map((g) => [g.key ?? '', g]));
  const label = (key: string | null) =>
    s.groupBy === 'ledgerType' ? localised(types.find((x) => x.key === key)?.name) || (key ?? '—') : (groups.get(key ?? '')?.label ?? key ?? '—');
  // Units with nothing due are listed apart, unranked; items not yet handed out belong to no unit.
  const apart = d.ranking.filter((r) => r.rank === null && (r.key !== null || s.groupBy !== 'leadUnit')).map((r) => label(r.key));
  return (
    <main style={{ maxWidth: 900, margin: '0 auto', padding: 24, background: '#fff' }}>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Link to={`/stats${qs(statsQuery(s))}`}>← {t('stats.title')}</Link>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('common.print')}
        </Button>
      </Space>
      <Typography.Title level={1} style={{ textAlign: 'center', fontSize: 24, color: '#b7312c' }}>
        {t('stats.bulletinTitle', { period })}
      </Typography.Title>
      <Typography.Paragraph style={{ fontSize: 15, textIndent: '2em', lineHeight: 2 }}>
        {t('stats.bulletinIntro', {
          at,
          n: d.itemCount,
          due: d.total.due?.value ?? 0,
          onTime: pct(d.total.on_time_rate?.value),
          closure: pct(d.total.closure_rate?.value),
          overdue: d.total.overdue_rate?.numerator ?? 0,
        })}
      </Typography.Paragraph>
      <Typography.Title level={2} style={{ fontSize: 18 }}>
        {t('stats.ranking')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('stats.rankRule')}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r.key ?? ''}
        dataSource={d.ranking.filter((r) => r.rank !== null)}
        columns={[
          { key: 'rank', title: t('stats.rank'), dataIndex: 'rank', width: 60 },
          { key: 'g', title: t('stats.group'), render: (_, r) => label(r.key) },
          { key: 'on', title: localised(d.total.on_time_rate?.name), render: (_, r) => pct(r.value) },
          { key: 'cl', title: localised(d.total.closure_rate?.name), render: (_, r) => pct(groups.get(r.key ?? '')?.figures.closure_rate?.value) },
          { key: 'od', title: t('stats.overdueCount'), render: (_, r) => groups.get(r.key ?? '')?.figures.overdue_rate?.numerator ?? 0 },
        ]}
      />
      {apart.length > 0 ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('stats.nothingDue', { n: apart.length })}</Typography.Text> {apart.join('、')}
        </Typography.Paragraph>
      ) : null}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('stats.bulletinRed')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        loading={red.isPending}
        dataSource={red.data?.items ?? []}
        columns={[
          { key: 'n', title: t('col.number'), dataIndex: 'number' },
          { key: 't', title: t('col.title'), dataIndex: 'title' },
          { key: 'u', title: t('col.lead'), render: (_, r) => unitName(r.leadUnitId) },
          { key: 'd', title: t('col.deadline'), dataIndex: 'currentDeadline' },
        ]}
      />
    </main>
  );
}
