import { App, Button, Card, DatePicker, Empty, Form, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { OfficialDocument } from '../api/types.js';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import BulletinEditor from '../features/bulletins/BulletinEditor.js';
import { previousMonth, useBulletinMutations, useBulletins } from '../features/bulletins/queries.js';
import { useMe } from '../features/session/queries.js';
import { cityDay } from '../i18n/dates.js';
import { useBulletinText } from '../i18n/bulletins.js';

/** 通报: the list of a supervising unit's bulletins (drafts and issued, newest first), or one bulletin to edit. */
export default function BulletinsPage() {
  const { id } = useParams();
  return id ? <BulletinEditor id={id} /> : <BulletinList />;
}

function BulletinList() {
  const b = useBulletinText();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const me = useMe().data;
  const list = useBulletins();
  const { draft } = useBulletinMutations();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const p = previousMonth(cityDay(new Date().toISOString()));
    return [dayjs(p.from), dayjs(p.to)];
  });
  const supervisor = me?.user.roles.includes('supervisor') ?? false;
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const create = () =>
    draft.mutate(
      { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') },
      { onSuccess: (d) => void navigate(`/bulletins/${encodeURIComponent(d.id)}`), onError: (e) => void message.error(errorText(e)) },
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {b('title')}
      </Typography.Title>
      {supervisor ? (
        <Card size="small" title={b('new')}>
          <Form layout="inline" onFinish={create}>
            <Form.Item label={b('period')}>
              <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} data-testid="bulletin-period" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={draft.isPending} data-testid="bulletin-draft">
              {b('draft')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {b('draftHelp')}
          </Typography.Paragraph>
        </Card>
      ) : null}
      <Table<OfficialDocument>
        rowKey="id"
        size="small"
        dataSource={list.data}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={b('none')} /> }}
        scroll={{ x: 640 }}
        columns={[
          { key: 'n', title: b('number'), dataIndex: 'number', render: (v: string, d) => <Link to={`/bulletins/${encodeURIComponent(d.id)}`}>{v || b('unnumbered')}</Link> },
          { key: 't', title: b('docTitle'), dataIndex: 'title' },
          {
            key: 's',
            title: b('status'),
            dataIndex: 'status',
            render: (v: OfficialDocument['status']) => <Tag color={v === 'issued' ? 'green' : 'default'}>{b(v === 'issued' ? 'issued' : 'draftState')}</Tag>,
          },
          { key: 'd', title: b('date'), render: (_, d) => cityDay(d.issuedAt ?? d.createdAt) },
        ]}
      />
    </Space>
  );
}
