import { Alert, App, Button, Card, Result, Space, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ReadoutConfirmedBody } from '../../../src/contracts/http/readouts.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { ConfirmPlan, CreatedItems } from '../features/readouts/components/ConfirmPlan.js';
import { ReviewTable } from '../features/readouts/components/ReviewTable.js';
import { SourceText } from '../features/readouts/components/SourceText.js';
import { useConfirmReadout, useEditReadout, useReadoutDraft, type ReadoutEdit } from '../features/readouts/queries.js';
import { plannedItems } from '../features/readouts/review.js';
import { directiveTree } from '../features/readouts/source-spans.js';
import { useReadoutText } from '../i18n/readouts.js';

/**
 * The draft of a readout: the directives as a review table beside the source text; edit, drop, merge, split;
 * confirm after seeing what will be created (and to whom, by when); then the list of created items.
 */
export default function ReadoutDraftPage() {
  const { id = '' } = useParams();
  const rt = useReadoutText();
  const { message } = App.useApp();
  const draft = useReadoutDraft(id);
  const edit = useEditReadout(id);
  const confirm = useConfirmReadout(id);
  const [selected, setSelected] = useState<number | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [asking, setAsking] = useState<boolean | null>(null);
  const [done, setDone] = useState<ReadoutConfirmedBody | null>(null);
  const lastEdit = useRef<{ json: string; at: number } | null>(null);
  const tree = useMemo(() => directiveTree(draft.data?.data.directives ?? []), [draft.data]);
  const plan = useMemo(() => plannedItems(tree, draft.data?.defaults), [tree, draft.data]);

  if (draft.isPending) return <PageLoading />;
  if (draft.isError) return <ErrorAlert error={draft.error} onRetry={() => void draft.refetch()} />;
  const d = draft.data;
  const directives = d.data.directives;
  const kept = plan.length;
  const apply = (edits: ReadoutEdit[]) => {
    // A picker may report the same choice twice (typed, then Enter): send it once.
    const json = JSON.stringify(edits);
    if (lastEdit.current?.json === json && Date.now() - lastEdit.current.at < 2000) return;
    lastEdit.current = { json, at: Date.now() };
    edit.mutate({ edits, version: d.version }, { onSuccess: (r) => void message.success(rt('saved', { v: r.version })) });
  };
  const split = (i: number) => {
    const x = directives.find((y) => y.i === i);
    if (!x || caret === null || caret <= x.start || caret >= x.end) {
      void message.warning(rt('splitNoCursor'));
      return;
    }
    apply([{ op: 'split', i, at: caret }]);
  };
  if (done) {
    return (
      <Result status="success" title={rt('confirmed', { n: done.items.length, a: done.items.filter((x) => x.assigned).length })} extra={<CreatedItems items={done.items} />} />
    );
  }
  if (d.status !== 'open') {
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {d.data.document.title ?? rt('title')}
        </Typography.Title>
        <Alert type="info" showIcon message={rt('readonly', { status: rt(`status.${d.status}`) })} action={<Link to="/readouts">{rt('history')}</Link>} />
        {d.status === 'confirmed' ? (
          <CreatedItems items={Object.entries(d.data.items ?? {}).map(([i, itemId]) => ({ itemId, title: directives.find((x) => String(x.i) === i)?.title ?? '' }))} />
        ) : null}
      </Space>
    );
  }
  const tasks = directives.filter((x) => x.kind === 'task');
  const go = (assign: boolean) =>
    confirm.mutate(assign, {
      onSuccess: (r) => {
        setAsking(null);
        setDone(r);
      },
    });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {d.data.document.title ?? rt('title')} {d.data.document.meetingDate ? <Typography.Text type="secondary">{d.data.document.meetingDate}</Typography.Text> : null}
        </Typography.Title>
        <Link to="/readouts">{rt('history')}</Link>
      </div>
      {d.data.notes.length > 0 ? <Alert type="info" showIcon message={rt('notes')} description={d.data.notes.join('；')} /> : null}
      {edit.isError ? <ErrorAlert error={edit.error} /> : null}
      <Card size="small">
        <Space wrap>
          <Typography.Text>{rt('confirmHint', { n: kept })}</Typography.Text>
          <Button
            onClick={() => apply(directives.filter((x) => x.keep).map((x) => ({ op: 'keep', i: x.i, keep: false })))}
            disabled={kept === 0 || edit.isPending}
            data-testid="drop-all"
          >
            {rt('keep')} 0
          </Button>
          <Button onClick={() => apply(tasks.map((x) => ({ op: 'keep', i: x.i, keep: true })))} disabled={edit.isPending}>
            {rt('keep')} {rt('kind.task')} {tasks.length}
          </Button>
          <Button type="primary" disabled={kept === 0 || edit.isPending} onClick={() => setAsking(false)}>
            {rt('confirm')}
          </Button>
          <Button type="primary" disabled={kept === 0 || edit.isPending} onClick={() => setAsking(true)} data-testid="confirm-assign">
            {rt('confirmAssign')}
          </Button>
        </Space>
      </Card>
      <div className="readout-grid">
        <section aria-label={rt('review')}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {rt('directives', { kept, n: directives.length })}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {rt('keyboardHint')} {rt('selectHint')} {rt('splitHint')}
          </Typography.Paragraph>
          <ReviewTable rows={tree} defaults={d.defaults ?? {}} selected={selected} busy={edit.isPending} onSelect={setSelected} onEdit={apply} onSplit={split} />
        </section>
        <Card size="small" className="source-pane" title={rt('sourceText')}>
          <SourceText text={d.text ?? ''} directives={directives} selected={selected} onSelect={setSelected} onCaret={setCaret} />
        </Card>
      </div>
      <ConfirmPlan
        open={asking !== null}
        assign={asking === true}
        plan={plan}
        busy={confirm.isPending}
        error={confirm.isError ? confirm.error : null}
        onCancel={() => setAsking(null)}
        onConfirm={() => go(asking === true)}
      />
    </Space>
  );
}
