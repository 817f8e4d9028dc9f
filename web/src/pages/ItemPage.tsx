import { Alert, App, Button, Card, Col, Result, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PageLoading } from '../components/PageLoading.js';
import { LightTag, StatusTag } from '../components/Tags.js';
import { ActionDialog } from '../features/items/components/ActionDialog.js';
import { EditItemDialog } from '../features/items/components/EditItemDialog.js';
import { ItemObjections } from '../features/items/components/ItemObjections.js';
import { ItemSignatures } from '../features/items/components/ItemSignatures.js';
import { Children, EvidenceList, Instructions, ItemFields, ItemTimeline, Provenance } from '../features/items/components/ItemSections.js';
import { ItemDocuments } from '../features/items/components/ItemDocuments.js';
import { useItemAction } from '../features/items/mutations.js';
import { useEvidence, useItem } from '../features/items/queries.js';
import { useLedgerTypeMap } from '../features/ledgers/queries.js';
import { useMe } from '../features/session/queries.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

/** Actions that change the state come first; the rest follow in the order of the loop. */
const ORDER = [
  'accept',
  'assign',
  'report',
  'request-closure',
  'pass-stage',
  'reject',
  'decide-extension',
  'request-extension',
  'report-co-unit',
  'return',
  'urge',
  'instruct',
  'reopen',
  'cancel',
];
const DANGER = new Set(['reject', 'return', 'cancel']);

const isConflict = (e: unknown) => e instanceof ApiError && (e.code === 'version_conflict' || e.code === 'precondition_failed');

/** 事项: fields, source, children, evidence, instructions, timeline, and the actions this user may take now. */
export default function ItemPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const item = useItem(id);
  const files = useEvidence(id, item.isSuccess);
  const types = useLedgerTypeMap();
  const me = useMe().data;
  const action = useItemAction(id);
  const [open, setOpen] = useState<string | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);

  if (item.isPending) return <PageLoading />;
  if (item.isError) {
    if (item.error instanceof ApiError && item.error.status === 404) {
      return <Result status="404" title={t('item.notFound')} extra={<Link to="/ledgers">{t('item.back')}</Link>} />;
    }
    return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  }
  const detail = item.data;
  const type = types.get(detail.item.ledgerType);
  const actions = [...detail.actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  // A report waiting for 立项 is registered by its assignment: the button says both.
  const intake = detail.item.reported?.pending === true;
  // Objections exist only under a type with a 公示 stage, and only the supervisor reads them (personal data).
  const objections = Boolean(me?.user.roles.includes('supervisor') && type?.closureStages.some((s) => s.publicNoticeDays !== undefined));
  const label = (slug: string): string => (slug === 'assign' && intake ? t('action.registerAndAssign') : t(`action.${slug}` as MessageKey));

  const submit = (slug: string, body: Record<string, unknown>) => {
    const version = detail.item.version;
    action.mutate(
      { slug, body, version },
      {
        onSuccess: () => {
          setOpen(null);
          setConflict(null);
          void message.success(t('item.done', { action: label(slug) }));
        },
        onError: (e) => {
          if (isConflict(e)) {
            setOpen(null);
            setConflict(version);
          }
        },
      },
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={type ? `/ledgers/${type.key}` : '/ledgers'}>← {t('item.back')}</Link>
      <div>
        <Typography.Text type="secondary" data-testid="item-number">
          {detail.item.number}
        </Typography.Text>
        <Typography.Title level={1} style={{ fontSize: 22, margin: '4px 0' }}>
          {detail.item.title}
        </Typography.Title>
        <Space wrap>
          <StatusTag status={detail.item.status} />
          {intake ? (
            <Tag color="blue" data-testid="awaiting-intake">
              {t('item.awaitingIntake')}
            </Tag>
          ) : null}
          {detail.item.listing ? (
            <Tag color="red" data-testid="listed-flag" title={t('item.listedBy', { level: t(`listing.${detail.item.listing.level}`), reason: detail.item.listing.reason })}>
              {t(`listing.${detail.item.listing.level}`)}
            </Tag>
          ) : null}
          {detail.item.recheck ? (
            <Tag color={detail.item.recheck.status === 'reopened' ? 'red' : detail.item.recheck.status === 'due' ? 'orange' : 'green'} data-testid="recheck-tag">
              {t(`recheck.${detail.item.recheck.status}`)}
              {detail.item.recheck.status === 'due' ? ` · ${detail.item.recheck.dueOn}` : ''}
            </Tag>
          ) : null}
          <LightTag light={detail.item.light} />
        </Space>
      </div>
      {conflict !== null ? <Alert type="warning" showIcon role="alert" closable onClose={() => setConflict(null)} message={t('item.conflict', { mine: conflict })} /> : null}
      <Card
        size="small"
        title={t('item.actions')}
        extra={
          detail.editable ? (
            <Button size="small" onClick={() => setEditing(true)} data-action="edit">
              {t('item.edit')}
            </Button>
          ) : null
        }
      >
        {actions.length === 0 && !detail.editable ? (
          <Typography.Text type="secondary">{t('item.noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((slug, i) => (
              <Button
                key={slug}
                type={i === 0 ? 'primary' : 'default'}
                danger={DANGER.has(slug)}
                onClick={() => {
                  action.reset();
                  setOpen(slug);
                }}
                data-action={slug}
              >
                {label(slug)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <ItemFields detail={detail} type={type} />
            {detail.provenance ? <Provenance provenance={detail.provenance} /> : null}
            <Children detail={detail} />
            <EvidenceList
              itemId={detail.item.id}
              files={files.data ?? []}
              loading={files.isPending}
              canPublish={Boolean(type?.disclosure) && Boolean(me?.user.roles.includes('supervisor'))}
            />
            <ItemDocuments itemId={detail.item.id} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <ItemSignatures detail={detail} />
            <ItemObjections itemId={detail.item.id} enabled={objections} />
            <Instructions detail={detail} />
            <ItemTimeline detail={detail} />
          </Space>
        </Col>
      </Row>
      {open ? (
        <ActionDialog
          slug={open}
          detail={detail}
          type={type}
          pending={action.isPending}
          error={action.isError && !isConflict(action.error) ? action.error : null}
          onSubmit={(body) => submit(open, body)}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {editing ? <EditItemDialog detail={detail} type={type} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} /> : null}
    </Space>
  );
}
