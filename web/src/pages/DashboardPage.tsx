import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { qs } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { lightColour } from '../components/Tags.js';
import { FigureCard } from '../features/stats/components/FigureCard.js';
import { InspectionCoverageCard } from '../features/inspection/CoverageCard.js';
import { drillHref, drillQuery, lightHref, pct, rankingCsv, statsParamsFrom, statsQuery, useStats, useTrend, type StatsParams } from '../features/stats/queries.js';
import { useLedgerTypes, useLocalised } from '../features/ledgers/queries.js';
import { useI18n } from '../i18n/index.js';

const Charts = {
  TrendLines: lazy(() => import('../features/stats/components/Charts.js').then((m) => ({ default: m.TrendLines }))),
  LightPie: lazy(() => import('../features/stats/components/Charts.js').then((m) => ({ default: m.LightPie }))),
  RateBars: lazy(() => import('../features/stats/components/Charts.js').then((m) => ({ default: m.RateBars }))),
};

/** 考核: 按期办结率, 办结率, overdue, lights, ranking; every number opens its items; period in the URL. */
export default function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const s = statsParamsFrom(params);
  const stats = useStats(s);
  const trend = useTrend(s.ledger, dayjs().format('YYYY-MM-DD'));
  const types = useLedgerTypes().data ?? [];
  const localised = useLocalised();
  const set = (patch: Partial<StatsParams>) => {
    const next = { ...s, ...patch };
    setParams(new URLSearchParams(qs(statsQuery(next)).slice(1)));
  };
  const data = stats.data;
  const groups = new Map((data?.groups ?? []).map((g) => [g.key ?? '', g]));
  const groupLabel = (key: string | null, label: string) =>
    key === null ? (s.groupBy === 'leadUnit' ? t('stats.unassigned') : '—') : s.groupBy === 'ledgerType' ? localised(types.find((x) => x.key === key)?.name) || label : label;

  const rows = (data?.ranking ?? []).map((r) => {
    const g = groups.get(r.key ?? '');
    // Items without a lead unit form a group of their own, named in the user's language; a ledger type by its name.
    const label = groupLabel(r.key, g?.label ?? '—');
    return { key: r.key ?? '', rank: r.rank, label, items: g?.itemCount ?? 0, f: g?.figures };
  });
  // Units with nothing due have no rate to rank by: they are listed apart, not ranked last (and items not yet
  // handed out are no unit at all).
  const ranked = rows.filter((r) => r.rank !== null);
  const apart = (data?.ranking ?? [])
    .filter((r) => r.rank === null && (r.key !== null || s.groupBy !== 'leadUnit'))
    .map((r) => rows.find((x) => x.key === (r.key ?? ''))?.label ?? '');
  const exportRanking = () => {
    const csv = rankingCsv(
      [t('stats.rank'), t('stats.group'), t('stats.items'), localised(data?.total.on_time_rate?.name), localised(data?.total.closure_rate?.name), t('stats.overdueCount')],
      ranked.map((r) => [r.rank, r.label, r.items, pct(r.f?.on_time_rate?.value), pct(r.f?.closure_rate?.value), r.f?.overdue_rate?.numerator ?? 0]),
    );
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    a.download = `ranking-${s.from ?? 'all'}-${s.to ?? ''}.csv`;
    a.click();
  };
  const open = (link: string | undefined) => link && navigate(`/stats/items?${drillQuery(link)}`);
  const LIGHTS = ['red', 'yellow', 'green'] as const;
  const lightRows = (data?.lights.groups ?? []).map((g) => ({ key: g.key ?? '', label: groupLabel(g.key, g.label), counts: g.counts }));
  const pickLight = (light: string) => {
    const href = lightHref(data?.lights.total[light as (typeof LIGHTS)[number]]?.items);
    if (href) void navigate(href);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('stats.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={exportRanking} disabled={!data}>
            {t('stats.export')}
          </Button>
          <Link to={`/stats/bulletin${qs(statsQuery(s))}`}>
            <Button icon={<PrinterOutlined />}>{t('stats.bulletin')}</Button>
          </Link>
        </Space>
      </div>
      <Card size="small">
        <Space wrap>
          <span>{t('stats.period')}</span>
          <DatePicker.RangePicker
            aria-label={t('stats.period')}
            value={s.from && s.to ? [dayjs(s.from), dayjs(s.to)] : null}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })}
            presets={[
              { label: t('stats.allTime'), value: [dayjs('2000-01-01'), dayjs('2099-12-31')] },
              { label: dayjs().format('YYYY'), value: [dayjs().startOf('year'), dayjs().endOf('year')] },
              { label: dayjs().format('YYYY-MM'), value: [dayjs().startOf('month'), dayjs().endOf('month')] },
            ]}
          />
          <Select
            aria-label={t('stats.by')}
            value={s.by}
            onChange={(by) => set({ by })}
            style={{ width: 180 }}
            options={(['deadline', 'assigned', 'closed'] as const).map((b) => ({ value: b, label: t(`stats.by.${b}`) }))}
          />
          <Select
            aria-label={t('stats.groupBy')}
            value={s.groupBy}
            onChange={(groupBy) => set({ groupBy })}
            style={{ width: 140 }}
            options={(['leadUnit', 'ledgerType'] as const).map((g) => ({ value: g, label: t(`stats.groupBy.${g}`) }))}
          />
          <Select
            aria-label={t('stats.ledger')}
            value={s.ledger ?? ''}
            onChange={(ledger: string) => set({ ledger: ledger || null })}
            style={{ width: 160 }}
            options={[{ value: '', label: t('ledger.all') }, ...types.map((x) => ({ value: x.key, label: localised(x.name) }))]}
          />
        </Space>
      </Card>
      {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {stats.isPending ? <PageLoading /> : null}
      {data ? (
        <>
          <Typography.Text type="secondary">{t('stats.drill')}</Typography.Text>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}>
              <Card size="small">
                <Link to={s.ledger ? `/ledgers/${s.ledger}` : '/ledgers'} data-testid="fig-items" aria-label={`${t('stats.items')} ${data.itemCount}`} className="figure-link">
                  <Statistic title={t('stats.items')} value={data.itemCount} />
                </Link>
              </Card>
            </Col>
            <Col xs={12} md={8} xl={5}>
              <FigureCard figure={data.total.on_time_rate} title={localised(data.total.on_time_rate?.name)} testId="fig-on-time" />
            </Col>
            <Col xs={12} md={8} xl={5}>
              <FigureCard figure={data.total.closure_rate} title={localised(data.total.closure_rate?.name)} testId="fig-closure" />
            </Col>
            <Col xs={12} md={8} xl={5}>
              <FigureCard figure={data.total.due} title={localised(data.total.due?.name)} testId="fig-due" />
            </Col>
            <Col xs={12} md={8} xl={5}>
              <FigureCard
                figure={data.total.overdue_rate ? { ...data.total.overdue_rate, kind: 'count', value: data.total.overdue_rate.numerator ?? 0 } : undefined}
                title={t('stats.overdueCount')}
                testId="fig-overdue"
              />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('stats.lights')}>
                <Typography.Text type="secondary">{t('stats.lightsNote')}</Typography.Text>
                <Suspense fallback={<PageLoading />}>
                  <Charts.LightPie
                    label={t('stats.lights')}
                    onPick={pickLight}
                    data={LIGHTS.map((l) => ({ key: l, name: t(`light.${l}`), value: data.lights.total[l].count, colour: lightColour(l) }))}
                  />
                </Suspense>
                <Space wrap>
                  {LIGHTS.map((l) => (
                    <Link key={l} to={lightHref(data.lights.total[l].items)} data-testid={`light-${l}`}>
                      {t(`light.${l}`)} {data.lights.total[l].count}
                    </Link>
                  ))}
                </Space>
                <Table
                  rowKey="key"
                  size="small"
                  style={{ marginTop: 8 }}
                  pagination={lightRows.length > 10 ? { pageSize: 10, size: 'small' } : false}
                  dataSource={lightRows}
                  columns={[
                    { key: 'label', title: s.groupBy === 'ledgerType' ? t('stats.ledger') : t('stats.group'), dataIndex: 'label' },
                    ...LIGHTS.map((l) => ({
                      key: l,
                      title: t(`light.${l}`),
                      width: 70,
                      render: (_: unknown, r: (typeof lightRows)[number]) => {
                        const href = lightHref(r.counts[l].items);
                        return href ? (
                          <Link to={href} data-testid={`light-${l}-${r.key}`}>
                            {r.counts[l].count}
                          </Link>
                        ) : (
                          r.counts[l].count
                        );
                      },
                    })),
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={`${localised(data.total.on_time_rate?.name)} · ${t('stats.trend')}`}>
                <Suspense fallback={<PageLoading />}>
                  <Charts.RateBars
                    label={t('stats.ranking')}
                    rows={ranked.slice(0, 15).map((r) => ({ key: r.key, name: r.label, value: r.f?.on_time_rate?.value ?? null }))}
                    onPick={(key) => open(groups.get(key)?.figures.on_time_rate?.denominatorItems)}
                  />
                </Suspense>
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('stats.trendMonths')}>
            <Suspense fallback={<PageLoading />}>
              {trend.pending ? (
                <PageLoading />
              ) : (
                <Charts.TrendLines
                  label={t('stats.trendMonths')}
                  names={[localised(data.total.on_time_rate?.name), localised(data.total.closure_rate?.name)]}
                  points={trend.points}
                  onPick={(month) => {
                    const m = trend.points.find((x) => x.label === month);
                    if (m) set({ from: m.from, to: m.to, by: 'deadline' });
                  }}
                />
              )}
            </Suspense>
          </Card>
          <Card size="small" title={t('stats.ranking')}>
            <Typography.Paragraph type="secondary" data-testid="ranking-rule">
              {t('stats.rankRule')}
            </Typography.Paragraph>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 640 }}
              dataSource={ranked}
              columns={[
                { key: 'rank', title: t('stats.rank'), dataIndex: 'rank', width: 60 },
                { key: 'label', title: t('stats.group'), dataIndex: 'label' },
                { key: 'items', title: t('stats.items'), dataIndex: 'items', width: 80 },
                {
                  key: 'onTime',
                  title: localised(data.total.on_time_rate?.name),
                  width: 120,
                  render: (_, r) => <Link to={drillHref(r.f?.on_time_rate?.items)}>{pct(r.f?.on_time_rate?.value)}</Link>,
                },
                {
                  key: 'closure',
                  title: localised(data.total.closure_rate?.name),
                  width: 100,
                  render: (_, r) => <Link to={drillHref(r.f?.closure_rate?.items)}>{pct(r.f?.closure_rate?.value)}</Link>,
                },
                { key: 'due', title: localised(data.total.due?.name), width: 90, render: (_, r) => <Link to={drillHref(r.f?.due?.items)}>{r.f?.due?.value ?? 0}</Link> },
                {
                  key: 'overdue',
                  title: t('stats.overdueCount'),
                  width: 80,
                  render: (_, r) => <Link to={drillHref(r.f?.overdue_rate?.items)}>{r.f?.overdue_rate?.numerator ?? 0}</Link>,
                },
              ]}
            />
            {apart.length > 0 ? (
              <Typography.Paragraph style={{ marginTop: 12 }} data-testid="nothing-due">
                <Typography.Text strong>{t('stats.nothingDue', { n: apart.length })}</Typography.Text> {apart.join('、')}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </>
      ) : null}
      <InspectionCoverageCard from={s.from} to={s.to} />
    </Space>
  );
}
