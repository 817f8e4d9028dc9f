import { InboxOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Space, Tabs, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useImportReadout } from '../features/readouts/queries.js';
import { useMe } from '../features/session/queries.js';
import { useI18n } from '../i18n/index.js';
import { useReadoutText } from '../i18n/readouts.js';

/** 导入会议通稿: paste or upload → the draft editor. */
export default function ReadoutImportPage() {
  const { t } = useI18n();
  const rt = useReadoutText();
  const me = useMe().data;
  const navigate = useNavigate();
  const imp = useImportReadout();
  const [tab, setTab] = useState('paste');
  const [date, setDate] = useState<Dayjs | null>(null);
  if (me && !me.can.createItems) return <Typography.Paragraph>{t('common.forbidden')}</Typography.Paragraph>;
  const meetingDate = date?.format('YYYY-MM-DD');
  const go = (input: { text: string } | { file: File }) =>
    imp.mutate({ ...input, ...(meetingDate ? { meetingDate } : {}) }, { onSuccess: (d) => navigate(`/readouts/${encodeURIComponent(d.id)}`) });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {rt('title')}
        </Typography.Title>
        <Link to="/readouts">{rt('history')}</Link>
      </div>
      <Typography.Paragraph type="secondary">{rt('intro')}</Typography.Paragraph>
      <Card>
        <Form layout="vertical">
          <Form.Item label={rt('meetingDate')} htmlFor="meeting-date">
            <DatePicker id="meeting-date" value={date} onChange={setDate} />
          </Form.Item>
        </Form>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'paste',
              label: rt('paste'),
              children: (
                <Form layout="vertical" onFinish={(v: { text: string }) => go({ text: v.text })}>
                  <Form.Item name="text" label={rt('paste')} rules={[{ required: true, whitespace: true, message: rt('textRequired') }]}>
                    <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} data-testid="readout-text" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={imp.isPending}>
                    {rt('extract')}
                  </Button>
                </Form>
              ),
            },
            {
              key: 'upload',
              label: rt('upload'),
              children: (
                <Upload.Dragger
                  accept=".txt,.docx,.xlsx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  multiple={false}
                  showUploadList={false}
                  beforeUpload={(file) => {
                    go({ file });
                    return false;
                  }}
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p>{rt('uploadHint')}</p>
                </Upload.Dragger>
              ),
            },
          ]}
        />
        {imp.isError ? <ErrorAlert error={imp.error} /> : null}
      </Card>
    </Space>
  );
}
