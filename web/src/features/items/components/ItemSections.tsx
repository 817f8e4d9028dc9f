import { App, Button, Card, Descriptions, Empty, Image, Input, List, Modal, Progress, Space, Switch, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { fetchBlob } from '../../../api/client.js';
import type { Evidence, ItemDetail, LedgerType, TimelineEntry } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { LightTag, StatusTag } from '../../../components/Tags.js';
import { cityDay } from '../../../i18n/dates.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { useLocalised, useUnitName } from '../../ledgers/queries.js';
import { useEvidenceText } from '../../../i18n/evidence.js';
import { useMe } from '../../session/queries.js';
import { DEFAULT_PREVIEW_TYPES, useEvidenceLimits, useWithdrawEvidence } from '../evidence.js';
import { evidenceNames, filesOf, formatBytes, previewKind } from '../evidence-staging.js';
import { useItem, useSetEvidencePublic } from '../queries.js';
import { fileKind } from '../file-kind.js';
import { actorOf, actorText } from '../timeline.js';
import { deadlineText } from './item-cells.js';
import { ItemTable } from './ItemTable.js';

function fieldText(v: unknown, options: LedgerType['fields'][number]['options'], localised: (l: { zh: string; en: string }) => string, yes: string, no: string): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'boolean') return v ? yes : no;
  const hit = options?.find((o) => o.value === v);
  if (hit) return localised(hit.label);
  if (typeof v === 'object') return (v as { $personal?: string }).$personal ? '***' : JSON.stringify(v);
  return String(v);
}

/** The item's fields: state, light with its reasons, units, deadlines, progress and the type's own fields. */
export function ItemFields({ detail, type }: { detail: ItemDetail; type: LedgerType | undefined }) {
  const { t, tx } = useI18n();
  const unitName = useUnitName();
  const localised = useLocalised();
  const item = detail.item;
  const stage = type?.closureStages.find((s) => s.key === item.stageKey);
  const rows = [
    { key: 'ledger', label: t('col.ledger'), children: type ? localised(type.name) : item.ledgerType },
    {
      key: 'state',
      label: t('col.state'),
      children: (
        <Space>
          <StatusTag status={item.status} />
          {stage ? `${t('item.stage')}: ${localised(stage.name)}` : null}
        </Space>
      ),
    },
    {
      key: 'light',
      label: t('col.light'),
      children: (
        <Space direction="vertical" size={0}>
          <LightTag light={item.light} />
          {item.light.reasons.map((r, i) => (
            <Typography.Text key={i} type="secondary">
              {tx('reason', String(r.code), r)}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
    { key: 'lead', label: t('col.lead'), children: unitName(item.leadUnitId) },
    { key: 'co', label: t('col.co'), children: item.coUnitIds.map(unitName).join('、') },
    {
      key: 'deadline',
      label: t('col.deadline'),
      children: item.light.deadlineProvisional ? (
        <Tooltip title={t('deadline.provisionalHelp')}>
          <span data-testid="deadline-provisional">{deadlineText(item, t)}</span>
        </Tooltip>
      ) : (
        deadlineText(item, t)
      ),
    },
    { key: 'original', label: t('col.originalDeadline'), children: item.originalDeadline ?? '' },
    { key: 'priority', label: t('col.priority'), children: t(`priority.${item.priority}`) },
    {
      key: 'progress',
      label: t('col.progress'),
      children: <Progress percent={Math.round(item.progress)} format={(p) => `${p ?? 0}%`} size="small" style={{ maxWidth: 200 }} data-testid="item-progress" />,
    },
    ...(item.progressNote ? [{ key: 'note', label: t('item.progressNote'), children: item.progressNote }] : []),
    ...(item.pendingExtension
      ? [{ key: 'ext', label: t('action.request-extension'), children: t('item.pendingExtension', { deadline: String(item.pendingExtension.deadline ?? '') }) }]
      : []),
    ...(type?.fields ?? [])
      .filter((f) => item.fields[f.name] !== undefined && !['table', 'evidence'].includes(f.kind))
      .map((f) => ({
        key: `f:${f.name}`,
        label: localised(f.label),
        children: fieldText(item.fields[f.name], f.options, localised, t('common.yes'), t('common.no')),
      })),
  ];
  return (
    <Card size="small" title={t('item.fields')}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} items={rows} styles={{ label: { maxWidth: 150 } }} />
      {item.content ? (
        <>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 12 }}>
            {t('item.content')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.content}</Typography.Paragraph>
        </>
      ) : null}
    </Card>
  );
}

/** The readout sentence the item came from, highlighted in its surrounding text. */
export function Provenance({ provenance }: { provenance: NonNullable<ItemDetail['provenance']> }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={`${t('item.source')} · ${provenance.title}`}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('item.sourceHint')}
      </Typography.Paragraph>
      <p className="source-text" data-testid="provenance">
        …{provenance.before}
        <mark>{provenance.text}</mark>
        {provenance.after}…
      </p>
    </Card>
  );
}

export function Children({ detail }: { detail: ItemDetail }) {
  const { t } = useI18n();
  if (detail.children.length === 0) return null;
  return (
    <Card size="small" title={`${t('item.children')} (${detail.children.length}) · ${t('item.rollup', { n: Math.round(detail.item.progress) })}`}>
      <ItemTable items={detail.children} size="small" columns={['number', 'title', 'lead', 'state', 'light', 'deadline', 'progress']} />
    </Card>
  );
}

function summary(e: TimelineEntry, t: (k: MessageKey, v?: Record<string, unknown>) => string, unitName: (id: string | null) => string, files: string): string {
  const d = (e.data ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.leadUnitId === 'string') parts.push(`${t('col.lead')}: ${unitName(d.leadUnitId)}`);
  if (typeof d.deadline === 'string') parts.push(`${t('col.deadline')}: ${d.deadline}`);
  if (typeof d.dueOn === 'string') parts.push(`${t('recheck.due')}: ${d.dueOn}`);
  if (typeof d.percent === 'number') parts.push(`${d.percent}%`);
  for (const k of ['text', 'summary', 'reason', 'note'] as const) if (typeof d[k] === 'string' && d[k]) parts.push(String(d[k]));
  if (e.type === 'DocumentIssued' && typeof d.number === 'string') parts.push(`${d.number} ${typeof d.title === 'string' ? d.title : ''}`.trim());
  if (files) parts.push(files);
  return parts.join(' · ');
}

/** Download links of a document issued on the item (督办通知单, 催办通知, 督办函): Word always, PDF where the server can. */
function documentLinks(e: TimelineEntry) {
  const id = (e.data as Record<string, unknown> | null)?.documentId;
  if (e.type !== 'DocumentIssued' || typeof id !== 'string') return null;
  const href = (format: string) => `/api/v1/documents/${encodeURIComponent(id)}/file?format=${format}`;
  return (
    <div>
      <Typography.Link href={href('docx')}>Word</Typography.Link> · <Typography.Link href={href('pdf')}>PDF</Typography.Link>
    </div>
  );
}

/** Every event of the item with actor, unit and time. */
export function ItemTimeline({ detail }: { detail: ItemDetail }) {
  const { t, tx, lang } = useI18n();
  const et = useEvidenceText();
  const unitName = useUnitName();
  const fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
  // The files an entry cites, by the names their uploads recorded (an id is no name).
  const names = evidenceNames(detail.timeline);
  const filesText = (e: TimelineEntry) => {
    const list = filesOf(e, names);
    return list.length > 0 ? et('files', { names: list.join('、') }) : '';
  };
  return (
    <Card size="small" title={t('item.timeline')}>
      <Timeline
        items={[...detail.timeline].reverse().map((e) => ({
          key: e.seq,
          color: e.type === 'ClosureRejected' || e.type === 'ItemReturned' ? 'red' : e.type === 'ItemClosed' ? 'green' : 'blue',
          children: (
            <div>
              <Typography.Text strong>{tx('event', e.type)}</Typography.Text>{' '}
              <Typography.Text type="secondary">{[fmt.format(new Date(e.at)), actorText(actorOf(e, unitName))].filter(Boolean).join(' · ')}</Typography.Text>
              <div>{summary(e, t, unitName, filesText(e))}</div>
              {documentLinks(e)}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** 批示: the leaders' instructions on the item. */
export function Instructions({ detail }: { detail: ItemDetail }) {
  const { t } = useI18n();
  const unitName = useUnitName();
  const list = detail.timeline.filter((e) => e.type === 'InstructionGiven');
  return (
    <Card size="small" title={t('item.instructions')}>
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('item.noInstructions')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={list}
          renderItem={(e) => (
            <List.Item>
              {String((e.data as { text?: string }).text ?? '')} — {actorText(actorOf(e, unitName))} {cityDay(e.at)}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

const readAsDataUrl = (b: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(b);
  });

/** Pictures the public page can show: their metadata (location, camera) is removed before they are served. */
const PUBLISHABLE_PICTURES = ['image/jpeg', 'image/png'];

type Preview = { name: string; kind: 'image' | 'pdf' | 'text'; url?: string; text?: string };

/**
 * Evidence files with preview — fetched with the session, never opened from the server in place (it sends every
 * file as an attachment). Pictures and PDFs of the server's preview list show from a blob made here with a fixed
 * type, so a file cannot choose how it is shown (no HTML or SVG runs); plain text shows as text; others download.
 * A file the public page shows is tagged 已公示; where the item's type publishes (公示), a supervisor switches
 * pictures on or off. The uploader withdraws (撤回) a file of an open item that nothing cites yet.
 */
export function EvidenceList({ itemId, files, loading, canPublish = false }: { itemId: string; files: readonly Evidence[]; loading: boolean; canPublish?: boolean }) {
  const { t } = useI18n();
  const et = useEvidenceText();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const publish = useSetEvidencePublic(itemId);
  const withdraw = useWithdrawEvidence(itemId);
  const limits = useEvidenceLimits();
  const me = useMe().data;
  const item = useItem(itemId).data?.item;
  const previewTypes = limits.data?.previewTypes ?? DEFAULT_PREVIEW_TYPES;
  const [preview, setPreview] = useState<Preview | null>(null);
  const close = () => {
    if (preview?.url?.startsWith('blob:')) URL.revokeObjectURL(preview.url);
    setPreview(null);
  };
  const download = async (e: Evidence) => {
    const blob = await fetchBlob(`/evidence/${encodeURIComponent(e.id)}`);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = e.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const show = async (e: Evidence) => {
    const kind = previewKind(e.mediaType, previewTypes);
    if (!kind) return;
    try {
      const blob = await fetchBlob(`/evidence/${encodeURIComponent(e.id)}`);
      if (kind === 'text') setPreview({ name: e.fileName, kind, text: (await blob.text()).slice(0, 100_000) });
      // A picture as a data: URL (the page's img-src allows no blob:); a PDF as a blob whose type is ours, whatever
      // the response said, in a frame (frame-src allows blob: for this).
      else if (kind === 'image') setPreview({ name: e.fileName, kind, url: await readAsDataUrl(new Blob([await blob.arrayBuffer()], { type: e.mediaType })) });
      else setPreview({ name: e.fileName, kind, url: URL.createObjectURL(new Blob([await blob.arrayBuffer()], { type: 'application/pdf' })) });
    } catch (err) {
      Modal.error({ title: e.fileName, content: errorText(err) });
    }
  };
  const open = item !== undefined && !['closed', 'cancelled'].includes(item.status);
  const mayWithdraw = (e: Evidence) => open && me != null && e.uploadedBy === me.user.id && !(item?.evidence ?? []).includes(e.id);
  const askWithdraw = (e: Evidence) => {
    let reason = '';
    Modal.confirm({
      title: et('withdrawTitle', { name: e.fileName }),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{et('withdrawBody')}</Typography.Text>
          <Input.TextArea aria-label={et('withdrawReason')} placeholder={et('withdrawReason')} maxLength={500} onChange={(v) => (reason = v.target.value)} />
        </Space>
      ),
      okText: et('withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        withdraw
          .mutateAsync({ evidenceId: e.id, reason: reason.trim() || undefined })
          .then(() => void message.success(et('withdrawn', { name: e.fileName })))
          .catch((err: unknown) => void Modal.error({ title: e.fileName, content: errorText(err) })),
    });
  };
  return (
    <Card size="small" title={t('item.evidence')}>
      {files.length === 0 && !loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.noEvidence')} />
      ) : (
        <List
          size="small"
          loading={loading}
          dataSource={files as Evidence[]}
          renderItem={(e) => (
            <List.Item
              data-testid="evidence-row"
              actions={[
                previewKind(e.mediaType, previewTypes) ? (
                  <Button key="p" type="link" size="small" onClick={() => void show(e)} aria-label={`${t('item.preview')} ${e.fileName}`}>
                    {t('item.preview')}
                  </Button>
                ) : null,
                <Button key="d" type="link" size="small" onClick={() => void download(e)} aria-label={`${t('item.download')} ${e.fileName}`}>
                  {t('item.download')}
                </Button>,
                mayWithdraw(e) ? (
                  <Button key="w" type="link" size="small" danger onClick={() => askWithdraw(e)} aria-label={`${et('withdraw')} ${e.fileName}`}>
                    {et('withdraw')}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    {e.fileName}
                    {e.public ? <Tag color="blue">{t('item.evidencePublic')}</Tag> : null}
                  </Space>
                }
                description={`${t(`file.${fileKind(e.mediaType)}`)} · ${formatBytes(e.sizeBytes)} · ${cityDay(e.uploadedAt)}`}
              />
              {canPublish && PUBLISHABLE_PICTURES.includes(e.mediaType) ? (
                <Tooltip title={t('item.evidencePublishHelp')}>
                  <Space size={4}>
                    <Switch
                      size="small"
                      checked={e.public === true}
                      loading={publish.isPending && publish.variables?.evidenceId === e.id}
                      aria-label={`${t('item.evidencePublish')} ${e.fileName}`}
                      onChange={(on) => publish.mutate({ evidenceId: e.id, public: on }, { onError: (err) => void Modal.error({ title: e.fileName, content: errorText(err) }) })}
                    />
                    <Typography.Text type="secondary">{t('item.evidencePublish')}</Typography.Text>
                  </Space>
                </Tooltip>
              ) : null}
            </List.Item>
          )}
        />
      )}
      <Modal open={preview !== null} title={preview?.name} footer={null} onCancel={close} width={preview?.kind === 'pdf' ? 960 : 720} destroyOnHidden>
        {preview?.kind === 'image' && preview.url ? <Image src={preview.url} alt={preview.name} preview={false} data-testid="evidence-preview-image" /> : null}
        {preview?.kind === 'pdf' && preview.url ? (
          <>
            <iframe src={preview.url} title={et('pdfFrame', { name: preview.name })} style={{ width: '100%', height: '70vh', border: 0 }} data-testid="evidence-preview-pdf" />
            <Typography.Link href={preview.url} target="_blank" rel="noopener noreferrer">
              {et('openInTab')}
            </Typography.Link>
          </>
        ) : null}
        {preview?.kind === 'text' ? <pre style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto' }}>{preview.text}</pre> : null}
      </Modal>
    </Card>
  );
}
