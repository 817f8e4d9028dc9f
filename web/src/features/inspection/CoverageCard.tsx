import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import type { z } from 'zod';
import { api, qs } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import type { CoverageSchema } from '../../../../src/contracts/http/inspection.js';
import { useInspectionText } from '../../i18n/inspection.js';
import { pct } from '../stats/queries.js';

type Coverage = z.infer<typeof CoverageSchema>;

/**
 * 考核 of inspection beside the items' figures: per inspecting unit, rounds due, on time, missed, 检查覆盖率 and
 * hazards per round. Shown only to those who see an inspection plan.
 */
export function InspectionCoverageCard({ from, to }: { from: string | null; to: string | null }) {
  const ins = useInspectionText();
  const coverage = useQuery({ queryKey: ['inspection', 'coverage', from, to], queryFn: () => api<Coverage>(`/inspection/coverage${qs({ from, to })}`) });
  if (coverage.isError) return <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const groups = coverage.data?.groups ?? [];
  if (groups.length === 0) return null;
  const total = coverage.data!.total;
  const rows = [...groups.map((g) => ({ ...g, key: g.unitId })), { ...total, key: '', label: ins('coverage.total') }];
  return (
    <Card size="small" title={ins('coverage.title')} data-testid="inspection-coverage">
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'label', title: ins('coverage.unit'), dataIndex: 'label' },
          { key: 'due', title: ins('coverage.due'), dataIndex: 'due', width: 90 },
          { key: 'onTime', title: ins('coverage.onTime'), dataIndex: 'onTime', width: 90 },
          { key: 'missed', title: ins('coverage.missed'), width: 90, render: (_, r) => r.missed.length },
          { key: 'rate', title: ins('coverage.rate'), width: 110, render: (_, r) => pct(r.coverageRate) },
          { key: 'hazards', title: ins('coverage.hazards'), dataIndex: 'hazards', width: 90 },
          { key: 'perRound', title: ins('coverage.perRound'), width: 110, render: (_, r) => (r.hazardsPerRound === null ? '—' : r.hazardsPerRound.toFixed(2)) },
        ]}
      />
    </Card>
  );
}
