import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { PageLoading } from '../../components/PageLoading.js';
import { cityDay } from '../../i18n/dates.js';
import { useBulletinText } from '../../i18n/bulletins.js';
import { useI18n } from '../../i18n/index.js';
import { useMe } from '../session/queries.js';
import { bulletinData, useBulletin, useBulletinMutations, type BulletinData } from './queries.js';

interface Paragraphs {
  readonly recipient: string;
  readonly cc: string[];
  readonly praise: string;
  readonly criticism: string;
}

/**
 * One 通报: its figures as drafted (summary, the ranking by its stated rule, units with nothing due apart, the
 * red items) and the paragraphs the supervisor writes (主送, 抄送, praise, criticism) while it is a draft. 印发
 * freezes it, numbers it on the chain and signs it when the issuer has a key; Word and PDF download either way.
 */
export default function BulletinEditor({ id }: { readonly id: string }) {
  const { t } = useI18n();
  const b = useBulletinText();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe().data;
  const doc = useBulletin(id);
  const { edit, issue } = useBulletinMutations();
  const [form] = Form.useForm<Paragraphs>();
  const [issuing, setIssuing] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  if (doc.isPending) return <PageLoading />;
  if (doc.isError) return <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} />;
  const d = doc.data;
  const data = bulletinData(d);
  if (!data) return <Alert type="error" showIcon message={b('none')} />;
  const draft = d.status === 'draft';
  const editable = draft && (me?.user.roles.includes('supervisor') ?? false);
  const file = (format: 'docx' | 'pdf') => `/api/v1/documents/${encodeURIComponent(d.id)}/file?format=${format}`;
  const save = (v: Paragraphs) =>
    edit.mutate({ id: d.id, version: d.version, ...v }, { onSuccess: () => void message.success(b('saved')), onError: (e) => void message.error(errorText(e)) });
  const doIssue = () =>
    issue.mutate(
      { id: d.id, passphrase: passphrase || undefined },
      {
        onSuccess: () => {
          setIssuing(false);
          setPassphrase('');
          void message.success(b('issuedOk'));
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/bulletins">{b('back')}</Link>
      <Space wrap align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {d.title}
        </Typography.Title>
        <Tag color={draft ? 'default' : 'green'} data-testid="bulletin-status">
          {b(draft ? 'draftState' : 'issued')}
        </Tag>
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          { key: 'n', label: b('number'), children: d.number },
          { key: 'p', label: b('period'), children: `${data.from} — ${data.to}` },
          { key: 'i', label: b('issuer'), children: data.issuer },
          ...(d.issuedAt ? [{ key: 'at', label: b('issuedAt'), children: cityDay(d.issuedAt) }] : []),
        ]}
      />
      <Space wrap>
        <Button href={file('docx')}>{b('word')}</Button>
        <Button href={file('pdf')}>{b('pdf')}</Button>
        {editable ? (
          <Button type="primary" danger data-testid="bulletin-issue" onClick={() => setIssuing(true)}>
            {b('issue')}
          </Button>
        ) : null}
      </Space>
      <Card size="small" title={b('summary')}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{data.summary}</Typography.Paragraph>
      </Card>
      <Ranking data={data} />
      <RedItems data={data} />
      <Card size="small" title={b('paragraphs')}>
        {!draft ? <Alert type="info" showIcon message={b('frozen')} style={{ marginBottom: 12 }} /> : null}
        <Form<Paragraphs>
          form={form}
          layout="vertical"
          disabled={!editable}
          initialValues={{ recipient: data.recipient, cc: [...data.cc], praise: data.praise, criticism: data.criticism }}
          onFinish={save}
        >
          <Form.Item name="recipient" label={b('recipient')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="cc" label={b('cc')} extra={b('ccHelp')}>
            <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} />
          </Form.Item>
          <Form.Item name="praise" label={b('praise')}>
            <Input.TextArea rows={4} maxLength={5000} showCount data-testid="bulletin-praise" />
          </Form.Item>
          <Form.Item name="criticism" label={b('criticism')}>
            <Input.TextArea rows={4} maxLength={5000} showCount />
          </Form.Item>
          {editable ? (
            <Button type="primary" htmlType="submit" loading={edit.isPending} data-testid="bulletin-save">
              {t('common.save')}
            </Button>
          ) : null}
        </Form>
      </Card>
      <Modal
        open={issuing}
        title={b('issueTitle')}
        okText={b('issue')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: issue.isPending, 'data-testid': 'bulletin-issue-ok' }}
        onOk={doIssue}
        onCancel={() => setIssuing(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{b('issueWarning')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={b('passphrase')} extra={b('passphraseHelp')}>
            <Input.Password value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** The ranking with its rule stated, and the units with nothing due listed apart, not ranked. */
function Ranking({ data }: { readonly data: BulletinData }) {
  const b = useBulletinText();
  return (
    <Card size="small" title={b('ranking')}>
      <Typography.Paragraph type="secondary">{b('rule')}</Typography.Paragraph>
      <Table
        rowKey="unit"
        size="small"
        pagination={false}
        dataSource={[...data.ranking]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={b('noneDue')} /> }}
        columns={[
          { key: 'r', title: b('rank'), dataIndex: 'rank', width: 64 },
          { key: 'u', title: b('unit'), dataIndex: 'unit' },
          { key: 'd', title: b('due'), dataIndex: 'due' },
          { key: 'o', title: b('onTime'), dataIndex: 'onTime' },
          { key: 'p', title: b('onTimeRate'), dataIndex: 'onTimeRate', render: (v: number) => `${v}%` },
          { key: 'x', title: b('overdue'), dataIndex: 'overdue' },
        ]}
      />
      {data.nothingDue.length > 0 ? (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          {b('nothingDue')}
          {data.nothingDue.join('、')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function RedItems({ data }: { readonly data: BulletinData }) {
  const b = useBulletinText();
  return (
    <Card size="small" title={b('redItems', { n: data.redItems.length })}>
      <Table
        rowKey="number"
        size="small"
        pagination={data.redItems.length > 20 ? { pageSize: 20 } : false}
        dataSource={[...data.redItems]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={b('noRed')} /> }}
        columns={[
          { key: 'n', title: b('itemNumber'), dataIndex: 'number', width: 180 },
          { key: 't', title: b('itemTitle'), dataIndex: 'title' },
          { key: 'u', title: b('unit'), dataIndex: 'unit' },
          { key: 'd', title: b('deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
