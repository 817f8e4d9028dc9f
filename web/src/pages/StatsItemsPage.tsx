import { Space, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { ItemTable } from '../features/items/components/ItemTable.js';
import { useDrill } from '../features/stats/queries.js';
import { useUnitName } from '../features/ledgers/queries.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { zh } from '../i18n/zh.js';

/** The items behind one figure of the dashboard (the query is the API's own drill-down link). */
export default function StatsItemsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const unitName = useUnitName();
  const drill = useDrill(params.toString());
  const back = new URLSearchParams(params);
  for (const k of ['metric', 'part', 'group', 'limit', 'offset']) back.delete(k);
  const group = params.get('group');
  // The metric by its name in the catalogue, never its key (a link from elsewhere may carry one we do not know).
  const metric = params.get('metric') ?? '';
  const metricName = `metric.${metric}` in zh ? t(`metric.${metric}` as MessageKey) : t('metric.unknown');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/stats?${back.toString()}`}>← {t('stats.title')}</Link>
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        {t('stats.drillTitle', { metric: metricName, group: group ? unitName(group) : t('stats.total') })}
      </Typography.Title>
      {drill.isError ? <ErrorAlert error={drill.error} onRetry={() => void drill.refetch()} /> : null}
      <Typography.Text>{drill.data ? t('common.total', { n: drill.data.total }) : null}</Typography.Text>
      <ItemTable items={drill.data?.items ?? []} loading={drill.isPending} columns={['number', 'title', 'lead', 'state', 'light', 'deadline', 'originalDeadline', 'progress']} />
    </Space>
  );
}
