import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useDiscardReadout, useReadoutDrafts, type ReadoutDraftSummary } from '../features/readouts/queries.js';
import { useMe } from '../features/session/queries.js';
import { cityDay } from '../i18n/dates.js';
import { useI18n } from '../i18n/index.js';
import { useReadoutText } from '../i18n/readouts.js';

const STATUS_COLOURS: Record<ReadoutDraftSummary['status'], string> = { open: 'gold', confirmed: 'green', discarded: 'default' };

/** 导入记录: the supervisor's readout drafts — state, author, dates, counts — to reopen or discard. */
export default function ReadoutListPage() {
  const { t } = useI18n();
  const rt = useReadoutText();
  const { message } = App.useApp();
  const me = useMe().data;
  const drafts = useReadoutDrafts();
  const discard = useDiscardReadout();
  if (me && !me.can.createItems) return <Typography.Paragraph>{t('common.forbidden')}</Typography.Paragraph>;
  const path = (id: string) => `/readouts/${encodeURIComponent(id)}`;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {rt('history')}
        </Typography.Title>
        <Link to="/readouts/new">
          <Button type="primary">{t('nav.import')}</Button>
        </Link>
      </div>
      <Typography.Text type="secondary">{rt('history.intro')}</Typography.Text>
      {drafts.isError ? <ErrorAlert error={drafts.error} onRetry={() => void drafts.refetch()} /> : null}
      {discard.isError ? <ErrorAlert error={discard.error} /> : null}
      <Table<ReadoutDraftSummary>
        rowKey="id"
        size="middle"
        loading={drafts.isPending}
        dataSource={drafts.data ?? []}
        pagination={(drafts.data?.length ?? 0) > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 960 }}
        locale={{ emptyText: rt('history.empty') }}
        onRow={(r) => ({ 'data-testid': `draft-${r.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'doc',
            title: rt('history.document'),
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Link to={path(r.id)}>{r.title ?? r.fileName ?? rt('history.untitled')}</Link>
                {r.fileName && r.title ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.fileName}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          { key: 'status', title: rt('history.state'), width: 100, render: (_, r) => <Tag color={STATUS_COLOURS[r.status]}>{rt(`status.${r.status}`)}</Tag> },
          { key: 'author', title: rt('history.author'), width: 130, dataIndex: 'authorName' },
          { key: 'created', title: rt('history.created'), width: 110, render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{cityDay(r.createdAt)}</span> },
          { key: 'updated', title: rt('history.updated'), width: 110, render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{cityDay(r.updatedAt)}</span> },
          { key: 'counts', title: rt('history.counts'), width: 260, render: (_, r) => rt('history.countsValue', { n: r.directives, k: r.kept, m: r.items }) },
          {
            key: 'ops',
            title: '',
            width: 170,
            render: (_, r) => (
              <Space size="small">
                <Link to={path(r.id)} data-testid="draft-open">
                  {r.status === 'open' ? rt('history.reopen') : rt('history.view')}
                </Link>
                {r.status === 'open' ? (
                  <Popconfirm
                    title={rt('history.discardConfirm')}
                    okText={rt('history.discard')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => discard.mutateAsync({ id: r.id, version: r.version }).then(() => void message.success(rt('history.discarded')))}
                  >
                    <Button type="link" danger size="small" data-testid="draft-discard">
                      {rt('history.discard')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
