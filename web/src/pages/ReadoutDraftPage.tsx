import { Alert, App, Button, Card, List, Result, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ReadoutConfirmedBody } from '../../../src/contracts/http/readouts.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { DirectiveCard } from '../features/readouts/components/DirectiveCard.js';
import { SourceText } from '../features/readouts/components/SourceText.js';
import { useConfirmReadout, useEditReadout, useReadoutDraft, type ReadoutEdit } from '../features/readouts/queries.js';
import { directiveTree } from '../features/readouts/source-spans.js';
import { useI18n } from '../i18n/index.js';

/** The draft of a readout: directives as a tree beside the source text; edit, drop, merge, split; confirm. */
export default function ReadoutDraftPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const draft = useReadoutDraft(id);
  const edit = useEditReadout(id);
  const confirm = useConfirmReadout(id);
  const [selected, setSelected] = useState<number | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [done, setDone] = useState<ReadoutConfirmedBody | null>(null);
  const lastEdit = useRef<{ json: string; at: number } | null>(null);
  const tree = useMemo(() => directiveTree(draft.data?.data.directives ?? []), [draft.data]);

  if (draft.isPending) return <PageLoading />;
  if (draft.isError) return <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />;
  const d = draft.data;
  const directives = d.data.directives;
  const kept = directives.filter((x) => x.keep).length;
  const apply = (edits: ReadoutEdit[]) => {
    // A picker may report the same choice twice (typed, then Enter): send it once.
    const json = JSON.stringify(edits);
    if (lastEdit.current?.json === json && Date.now() - lastEdit.current.at < 2000) return;
    lastEdit.current = { json, at: Date.now() };
    edit.mutate({ edits, version: d.version }, { onSuccess: (r) => void message.success(t('readout.saved', { v: r.version })) });
  };
  const split = (i: number) => {
    const x = directives.find((y) => y.i === i);
    if (!x || caret === null || caret <= x.start || caret >= x.end) {
      void message.warning(t('readout.splitNoCursor'));
      return;
    }
    apply([{ op: 'split', i, at: caret }]);
  };
  if (done || d.status === 'confirmed') {
    const items = done?.items ?? [];
    return (
      <Result
        status="success"
        title={t('readout.confirmed', { n: items.length || Object.keys(d.data.items ?? {}).length, a: items.filter((x) => x.assigned).length })}
        extra={
          <List
            size="small"
            style={{ maxWidth: 560, margin: '0 auto', textAlign: 'left' }}
            dataSource={items}
            renderItem={(x) => (
              <List.Item>
                <Link to={`/items/${encodeURIComponent(x.itemId)}`} data-testid="created-item">{x.number}</Link> {x.assigned ? `（${t('action.assign')}）` : ''}
              </List.Item>
            )}
          />
        }
      />
    );
  }
  const tasks = directives.filter((x) => x.kind === 'task');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {d.data.document.title ?? t('readout.title')} {d.data.document.meetingDate ? <Typography.Text type="secondary">{d.data.document.meetingDate}</Typography.Text> : null}
      </Typography.Title>
      {d.data.notes.length > 0 ? <Alert type="info" showIcon message={t('readout.notes')} description={d.data.notes.join('；')} /> : null}
      {edit.isError ? <ErrorAlert error={edit.error} /> : null}
      <Card size="small">
        <Space wrap>
          <Typography.Text>{t('readout.confirmHint', { n: kept })}</Typography.Text>
          <Button onClick={() => apply(directives.filter((x) => x.keep).map((x) => ({ op: 'keep', i: x.i, keep: false })))} disabled={kept === 0 || edit.isPending} data-testid="drop-all">
            {t('readout.keep')} 0
          </Button>
          <Button onClick={() => apply(tasks.map((x) => ({ op: 'keep', i: x.i, keep: true })))} disabled={edit.isPending}>
            {t('readout.keep')} {t('readout.kind.task')} {tasks.length}
          </Button>
          <Button type="primary" disabled={kept === 0 || edit.isPending} loading={confirm.isPending && confirm.variables === false} onClick={() => confirm.mutate(false, { onSuccess: setDone })}>{t('readout.confirm')}</Button>
          <Button type="primary" disabled={kept === 0 || edit.isPending} loading={confirm.isPending && confirm.variables === true} onClick={() => confirm.mutate(true, { onSuccess: setDone })} data-testid="confirm-assign">{t('readout.confirmAssign')}</Button>
        </Space>
        {confirm.isError ? <ErrorAlert error={confirm.error} /> : null}
      </Card>
      <div className="readout-grid">
        <section aria-label={t('readout.directives', { kept, n: directives.length })}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>{t('readout.directives', { kept, n: directives.length })}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('readout.selectHint')} {t('readout.splitHint')}</Typography.Paragraph>
          {directives.length === 0 ? <Typography.Text>{t('readout.empty')}</Typography.Text> : null}
          <Space direction="vertical" size="small" style={{ width: '100%' }}>
            {tree.map(({ d: x, depth }, k) => (
              <DirectiveCard
                key={x.i}
                d={x}
                depth={depth}
                selected={selected === x.i}
                nextI={tree[k + 1]?.d.i ?? null}
                busy={edit.isPending}
                onSelect={() => setSelected(x.i)}
                onEdit={apply}
                onSplit={() => split(x.i)}
              />
            ))}
          </Space>
        </section>
        <Card size="small" className="source-pane" title={t('readout.sourceText')}>
          <SourceText text={d.text ?? ''} directives={directives} selected={selected} onSelect={setSelected} onCaret={setCaret} />
        </Card>
      </div>
    </Space>
  );
}
