import { Alert, Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { useUnits } from '../features/ledgers/queries.js';
import { useMe } from '../features/session/queries.js';
import { useIndicators, useResponsibles, useSeries, useSignalStats, type SeriesChart } from '../features/signals/queries.js';
import { pct } from '../features/stats/queries.js';
import { useI18n } from '../i18n/index.js';

const Chart = lazy(() => import('../features/signals/components/SeriesChart.js').then((m) => ({ default: m.SeriesChart })));
const Admin = lazy(() => import('../features/signals/components/SignalsAdmin.js').then((m) => ({ default: m.SignalsAdmin })));

type Detection = SeriesChart['detections'][number];

/** 监测预警: indicators and series; observed counts against the threshold band, alarms, and each alarm's verification item. */
export default function SignalsPage() {
  const { t, tx, lang } = useI18n();
  const me = useMe().data;
  const canWrite = me?.auth === 'session' && me.user.roles.includes('supervisor');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const indicators = useIndicators();
  const responsibles = useResponsibles();
  const units = useUnits().data ?? [];
  const stats = useSignalStats();
  const list = indicators.data?.indicators ?? [];
  const indicator = params.get('indicator') ?? list[0]?.key ?? null;
  const regionOptions = useMemo(() => {
    const named = (responsibles.data?.responsibles ?? [])
      .filter((r) => r.indicator === null || r.indicator === indicator)
      .map((r) => ({ value: r.regionUnitId, label: r.regionName ?? r.regionUnitId }));
    const areas = units.filter((u) => u.kind === 'city' || u.kind === 'district').map((u) => ({ value: u.id, label: u.name }));
    const seen = new Set<string>();
    return [...named, ...areas].filter((o) => (seen.has(o.value) ? false : (seen.add(o.value), true)));
  }, [responsibles.data, units, indicator]);
  const region = params.get('region') ?? regionOptions[0]?.value ?? null;
  const series = useSeries(region, indicator);
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next);
  };

  const admin = (
    <Suspense fallback={<PageLoading />}>
      <Admin indicators={list} responsibles={responsibles.data?.responsibles ?? []} units={units} canWrite={canWrite} />
    </Suspense>
  );
  if (indicators.isPending) return <PageLoading />;
  if (indicators.isError) return <ErrorAlert error={indicators.error} onRetry={() => void indicators.refetch()} />;
  if (list.length === 0) {
    return (
      <>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          {t('signals.title')}
        </Typography.Title>
        <Empty description={t('signals.empty')}>
          <Button type="primary" onClick={() => void navigate('/ledgers/signal')}>
            {t('signals.openLedger')}
          </Button>
        </Empty>
        {canWrite ? admin : null}
      </>
    );
  }
  const chart = series.data;
  const byPeriod = new Map((chart?.detections ?? []).map((d) => [d.period, d]));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('signals.title')}
        </Typography.Title>
        <Link to="/ledgers/signal">{t('signals.openLedger')}</Link>
      </div>
      <Card size="small">
        <Space wrap>
          <Select
            aria-label={t('signals.indicator')}
            value={indicator ?? undefined}
            onChange={(v: string) => set('indicator', v)}
            style={{ minWidth: 220 }}
            options={list.map((i) => ({ value: i.key, label: i.name }))}
          />
          <Select
            aria-label={t('signals.region')}
            value={region ?? undefined}
            onChange={(v: string) => set('region', v)}
            style={{ minWidth: 180 }}
            showSearch
            optionFilterProp="label"
            options={regionOptions}
          />
        </Space>
      </Card>
      <Card size="small" title={chart ? `${chart.indicator.name} · ${chart.region.name}` : t('signals.indicator')}>
        {series.isError ? <Alert type="info" showIcon message={t('signals.noSeries')} /> : null}
        {series.isPending && region ? <PageLoading /> : null}
        {chart ? (
          <>
            {chart.problem ? <Alert type="warning" showIcon message={lang === 'zh' ? chart.problem.messageZh : chart.problem.message} style={{ marginBottom: 8 }} /> : null}
            <Suspense fallback={<PageLoading />}>
              <Chart
                chart={chart}
                labels={{ observed: t('signals.observed'), threshold: t('signals.threshold'), expected: t('signals.expected'), alarm: t('signals.alarm') }}
                onAlarm={(period) => {
                  const item = byPeriod.get(period)?.item;
                  if (item) void navigate(`/items/${encodeURIComponent(item.id)}`);
                }}
              />
            </Suspense>
            {chart.gaps.length > 0 ? <Typography.Text type="secondary">{t('signals.gaps', { periods: chart.gaps.slice(0, 12).join('、') })}</Typography.Text> : null}
            <Table<Detection>
              style={{ marginTop: 12 }}
              size="small"
              rowKey="period"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={[...chart.detections].reverse()}
              scroll={{ x: 640 }}
              columns={[
                { key: 'p', title: t('signals.period'), dataIndex: 'period' },
                {
                  key: 'o',
                  title: t('signals.outcome'),
                  dataIndex: 'outcome',
                  render: (v: string) => <Tag color={v === 'alarm' ? 'red' : 'default'}>{tx('signals.outcome', v)}</Tag>,
                },
                { key: 'ob', title: t('signals.observed'), dataIndex: 'observed', render: (v: number | null) => (v === null ? '—' : Math.round(v * 100) / 100) },
                { key: 'th', title: t('signals.threshold'), dataIndex: 'threshold', render: (v: number | null) => (v === null ? '—' : Math.round(v * 100) / 100) },
                {
                  key: 'i',
                  title: t('signals.item'),
                  dataIndex: 'item',
                  render: (v: Detection['item']) => (v ? <Link to={`/items/${encodeURIComponent(v.id)}`}>{v.number}</Link> : ''),
                },
              ]}
            />
          </>
        ) : null}
      </Card>
      {admin}
      <Card size="small" title={t('signals.stats')}>
        {stats.isError ? <ErrorAlert error={stats.error} /> : null}
        <Table
          size="small"
          rowKey="unitId"
          loading={stats.isPending}
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={stats.data?.byUnit ?? []}
          columns={[
            { key: 'u', title: t('stats.group'), dataIndex: 'unitName' },
            { key: 'a', title: t('signals.alarms'), dataIndex: 'alarms' },
            { key: 'r', title: t('signals.responseRate'), dataIndex: 'responseRate', render: (v: number | null) => pct(v) },
            { key: 'm', title: t('signals.medianResponse'), dataIndex: 'medianResponseMinutes', render: (v: number | null) => (v === null ? '—' : Math.round(v)) },
            { key: 'v', title: t('signals.verificationRate'), dataIndex: 'verificationRate', render: (v: number | null) => pct(v) },
            { key: 's', title: t('signals.trueShare'), dataIndex: 'trueAlarmShare', render: (v: number | null) => pct(v) },
          ]}
        />
      </Card>
    </Space>
  );
}
