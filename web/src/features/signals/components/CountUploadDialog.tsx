import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useI18n } from '../../../i18n/index.js';
import { useSignalsAdminText, type SignalsAdminKey } from '../../../i18n/signals-admin.js';
import { uploadCounts, type IngestReport } from '../mutations.js';

type RowError = IngestReport['errors'][number];

/** Columns of a count file, named in the user's language in the report. */
const COLUMNS: ReadonlySet<string> = new Set(['region', 'indicator', 'period', 'count']);

/**
 * 上传计数: choose a CSV or .xlsx, preview the row report (试导入: valid rows as new / updated / unchanged, every
 * refused row with its column and reason), then import — the whole file, or its valid rows when asked.
 */
export function CountUploadDialog({ onClose }: { onClose: (written: boolean) => void }) {
  const { lang } = useI18n();
  const ts = useSignalsAdminText();
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [result, setResult] = useState<{ report: IngestReport; dryRun: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult({ report: await uploadCounts(file, { dryRun, skipInvalid }), dryRun });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const r = result?.report;
  const previewed = result?.dryRun === true ? r : undefined;
  const canCommit = previewed !== undefined && previewed.valid > 0 && (previewed.errors.length === 0 || skipInvalid);
  const written = result?.dryRun === false && r?.committed === true;
  const columnOf = (c: string | undefined) => (c && COLUMNS.has(c) ? ts(`column.${c}` as SignalsAdminKey) : (c ?? ''));
  return (
    <Modal open title={ts('uploadTitle')} onCancel={() => onClose(written)} footer={null} width={820}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {ts('uploadIntro')}
        </Typography.Paragraph>
        <Upload.Dragger
          maxCount={1}
          accept=".csv,.xlsx"
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setResult(null);
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{ts('choose')}</p>
        </Upload.Dragger>
        <Space wrap>
          <Button disabled={!file} loading={busy} onClick={() => void send(true)}>
            {ts('preview')}
          </Button>
          <Button type="primary" disabled={!canCommit || written} loading={busy} onClick={() => void send(false)}>
            {ts('commit')}
          </Button>
          {previewed && previewed.errors.length > 0 ? (
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
              {ts('skipInvalid')}
            </Checkbox>
          ) : null}
        </Space>
        {error ? <ErrorAlert error={error} /> : null}
        {r ? (
          <Alert
            type={written ? 'success' : r.errors.length > 0 || r.valid === 0 ? 'warning' : 'info'}
            showIcon
            message={`${result.dryRun ? ts('previewed') : written ? ts('written') : ts('notWritten')} ${ts('summary', r)}`}
            description={previewed && r.valid === 0 ? ts('nothingValid') : previewed && r.errors.length > 0 && !skipInvalid ? ts('mustFix') : undefined}
          />
        ) : null}
        {r && r.errors.length > 0 ? (
          <Table<RowError>
            size="small"
            title={() => ts('refused')}
            rowKey={(e) => `${e.line}-${e.column ?? ''}-${e.code}`}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={[...r.errors]}
            columns={[
              { key: 'l', title: ts('line'), dataIndex: 'line', width: 70 },
              { key: 'c', title: ts('column'), width: 100, render: (_, e) => columnOf(e.column) },
              { key: 'p', title: ts('problem'), render: (_, e) => <Typography.Text type="danger">{lang === 'zh' ? e.messageZh : e.message}</Typography.Text> },
            ]}
          />
        ) : null}
      </Space>
    </Modal>
  );
}
