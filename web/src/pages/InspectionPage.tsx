import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { RecordedNotice, RoundForm } from '../features/inspection/RoundForm.js';
import { useRounds, type RoundRecorded, type RoundView } from '../features/inspection/queries.js';
import { useMe } from '../features/session/queries.js';
import { useInspectionText } from '../i18n/inspection.js';

const STATUS_COLOUR: Record<RoundView['status'], string> = { open: 'blue', overdue: 'red', recorded: 'green', upcoming: 'default' };

/**
 * 城市安全运行常态化检查: the rounds due on the inspecting unit's desk (its area's supervisors see them too), the
 * form that records one, and the rounds recorded with the hazards they found.
 */
export default function InspectionPage() {
  const ins = useInspectionText();
  const me = useMe().data;
  const due = useRounds('open,overdue');
  const recorded = useRounds('recorded');
  const [open, setOpen] = useState<string | null>(null);
  const [answer, setAnswer] = useState<RoundRecorded | null>(null);
  const status = (s: RoundView['status']) => <Tag color={STATUS_COLOUR[s]}>{ins(`status.${s}`)}</Tag>;
  const columns = [
    { title: ins('col.place'), key: 'place', render: (_: unknown, r: RoundView) => r.place.name },
    { title: ins('col.plan'), dataIndex: 'planTitle', key: 'plan' },
    { title: ins('col.due'), dataIndex: 'dueOn', key: 'due' },
    { title: ins('col.status'), key: 'status', render: (_: unknown, r: RoundView) => status(r.status) },
  ];

  if (open !== null) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button onClick={() => setOpen(null)}>{ins('back')}</Button>
        <RoundForm
          roundId={open}
          onDone={(r) => {
            setAnswer(r);
            setOpen(null);
          }}
        />
      </Space>
    );
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {ins('title')}
      </Typography.Title>
      {answer ? <RecordedNotice recorded={answer} /> : null}
      <Card title={ins('due')}>
        {due.isError ? <ErrorAlert error={due.error} onRetry={() => void due.refetch()} /> : null}
        <Table
          rowKey="id"
          size="small"
          loading={due.isPending}
          dataSource={due.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: ins('empty') }}
          columns={[
            ...columns,
            {
              title: '',
              key: 'act',
              render: (_: unknown, r: RoundView) =>
                me?.user.unitId === r.unitId ? (
                  <Button
                    type="primary"
                    size="small"
                    aria-label={`${ins('record')} ${r.place.name}`}
                    onClick={() => {
                      setAnswer(null);
                      setOpen(r.id);
                    }}
                  >
                    {ins('record')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card title={ins('recordedList')}>
        <Table
          rowKey="id"
          size="small"
          loading={recorded.isPending}
          dataSource={[...(recorded.data ?? [])].reverse()}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            ...columns,
            {
              title: ins('col.hazards'),
              key: 'hazards',
              render: (_: unknown, r: RoundView) => (
                <Space wrap>
                  {r.hazardItemIds.map((id, i) => (
                    <Link key={id} to={`/items/${encodeURIComponent(id)}`}>
                      #{i + 1}
                    </Link>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
