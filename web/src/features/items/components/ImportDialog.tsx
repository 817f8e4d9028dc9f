import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Progress, Radio, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, qs } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useI18n } from '../../../i18n/index.js';
import { useImportActionText } from '../../../i18n/import-actions.js';
import type { RowActionKind } from '../../../../../src/contracts/http/exchange.js';

/** The answer of POST /items/import (see src/contracts/http/exchange.ts). */
export interface ImportResultView {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly written: boolean;
  readonly errors: readonly { row: number; column: string; code: string; message: string; messageEn: string }[];
  readonly rows?: readonly { row: number; number: string | null; actions?: readonly RowAction[] }[];
}
interface RowAction {
  readonly kind: RowActionKind;
  readonly column: string;
  readonly from: string | null;
  readonly to: string;
}
interface ImportJob {
  readonly id: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly result: ImportResultView | null;
  readonly error: { message: string; messageEn: string } | null;
}
const isJob = (x: ImportResultView | ImportJob): x is ImportJob => 'state' in x;

/** One line of the actions table: a cell a row changes and the action that changes it. */
interface ActionLine extends RowAction {
  readonly key: string;
  readonly row: number;
  readonly number: string | null;
}

/** What each row does (or would do), one line per cell, in the sheet's order. */
const actionLines = (r: ImportResultView): ActionLine[] =>
  (r.rows ?? []).flatMap((x) => (x.actions ?? []).map((a, i) => ({ ...a, key: `${x.row}-${i}`, row: x.row, number: x.number })));

/**
 * 导入: download the ledger type's template, upload a filled sheet (or an edited export), preview what each row
 * would do with the refused rows listed, then write all rows or only the valid ones; large files run in the
 * background with progress.
 */
export function ImportDialog({ ledger, onClose }: { ledger: string; onClose: (written: boolean) => void }) {
  const { t, lang } = useI18n();
  const ta = useImportActionText();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<'all' | 'valid'>('all');
  const [result, setResult] = useState<{ view: ImportResultView; dryRun: boolean } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('file', file);
      let answer = await api<ImportResultView | ImportJob>(`/items/import${qs({ ledger, dryRun: String(dryRun), mode })}`, { method: 'POST', form });
      while (isJob(answer) && answer.state === 'running') {
        setProgress(answer.total ? Math.floor((answer.done / answer.total) * 100) : 0);
        await new Promise((r) => setTimeout(r, 1000));
        answer = await api<ImportJob>(`/items/import/jobs/${encodeURIComponent(answer.id)}`);
      }
      setProgress(null);
      if (isJob(answer)) {
        if (!answer.result) throw new Error(lang === 'zh' ? (answer.error?.message ?? '') : (answer.error?.messageEn ?? ''));
        answer = answer.result;
      }
      setResult({ view: answer, dryRun });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const r = result?.view;
  // Only a preview, or a commit that wrote, did (or will do) what its actions say.
  const lines = r && (result.dryRun || r.written) ? actionLines(r) : [];
  return (
    <Modal open title={t('import.title')} onCancel={() => onClose(result?.dryRun === false && r?.written === true)} footer={null} width={820}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Link href={`/api/v1/items/import/template${qs({ ledger, lang })}`}>{t('import.template')}</Typography.Link>
        <Upload.Dragger maxCount={1} accept=".xlsx,.csv" beforeUpload={(f) => (setFile(f), setResult(null), false)} onRemove={() => setFile(null)}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('import.choose')}</p>
        </Upload.Dragger>
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'all' | 'valid')} aria-label={t('import.mode')}>
          <Radio value="all">{t('import.modeAll')}</Radio>
          <Radio value="valid">{t('import.modeValid')}</Radio>
        </Radio.Group>
        <Space>
          <Button disabled={!file} loading={busy} onClick={() => void send(true)}>
            {t('import.preview')}
          </Button>
          <Button type="primary" disabled={!file || !result?.dryRun} loading={busy} onClick={() => void send(false)}>
            {t('import.commit')}
          </Button>
        </Space>
        {progress !== null ? <Progress percent={progress} /> : null}
        {error ? <ErrorAlert error={error} /> : null}
        {r ? (
          <Alert
            type={r.errors.length ? 'warning' : 'success'}
            message={`${result.dryRun ? t('import.previewed') : r.written ? t('import.written') : t('import.nothingWritten')} ${t('import.summary', { created: r.created, updated: r.updated, unchanged: r.unchanged, refused: r.errors.length })}`}
          />
        ) : null}
        {lines.length ? (
          <Table
            size="small"
            title={() => (result?.dryRun ? ta('planned') : ta('done'))}
            rowKey="key"
            pagination={{ pageSize: 10 }}
            dataSource={lines}
            columns={[
              { title: ta('row'), dataIndex: 'row', width: 60 },
              { title: ta('number'), dataIndex: 'number', width: 150 },
              { title: ta('action'), width: 90, render: (_, a) => ta(`kind.${a.kind}`) },
              { title: ta('column'), dataIndex: 'column', width: 110 },
              {
                title: ta('change'),
                render: (_, a) => (a.from === null ? a.to || ta('empty') : `${a.from || ta('empty')} → ${a.to || ta('empty')}`),
              },
            ]}
          />
        ) : null}
        {r && r.errors.length ? (
          <Table
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
            pagination={{ pageSize: 10 }}
            dataSource={[...r.errors]}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 70 },
              { title: t('import.column'), dataIndex: 'column', width: 140 },
              { title: t('import.problem'), render: (_, e) => <Typography.Text type="danger">{lang === 'zh' ? e.message : e.messageEn}</Typography.Text> },
            ]}
          />
        ) : null}
      </Space>
    </Modal>
  );
}
