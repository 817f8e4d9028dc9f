import { Modal, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useI18n } from '../../../i18n/index.js';
import { useReadoutText } from '../../../i18n/readouts.js';
import { useUnitName } from '../../ledgers/queries.js';
import type { PlannedItem } from '../review.js';

export interface ConfirmPlanProps {
  readonly open: boolean;
  /** 确认并交办 (true) or 确认生成事项 (false: drafts only). */
  readonly assign: boolean;
  readonly plan: readonly PlannedItem[];
  readonly busy: boolean;
  readonly error: unknown;
  onCancel(): void;
  onConfirm(): void;
}

/**
 * Before anything is created: every item to be made, with its lead and co-units and the deadline it will carry,
 * a deadline that is only the type's default marked as such. Nothing happens until 确认.
 */
export function ConfirmPlan({ open, assign, plan, busy, error, onCancel, onConfirm }: ConfirmPlanProps) {
  const { t } = useI18n();
  const rt = useReadoutText();
  const unitName = useUnitName();
  const assigned = plan.filter((p) => p.assigned).length;
  const defaulted = assign && plan.some((p) => p.assigned && p.defaulted);
  return (
    <Modal
      open={open}
      width={960}
      title={assign ? rt('confirmTitle', { n: plan.length }) : rt('confirmDraftTitle', { n: plan.length })}
      okText={rt('doConfirm')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={onConfirm}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph>{assign ? rt('confirmIntro', { a: assigned, d: plan.length - assigned }) : rt('confirmDraftIntro', { n: plan.length })}</Typography.Paragraph>
      {defaulted ? <Typography.Paragraph type="secondary">{rt('confirmDefaulted')}</Typography.Paragraph> : null}
      <Table
        size="small"
        rowKey="i"
        pagination={false}
        scroll={{ x: 760, y: 420 }}
        dataSource={plan as PlannedItem[]}
        data-testid="confirm-plan"
        columns={[
          { key: 'title', title: rt('col.title'), render: (_, p) => <span style={{ paddingLeft: p.depth * 16 }}>{p.title}</span> },
          ...(assign
            ? [
                {
                  key: 'lead',
                  title: rt('lead'),
                  width: 170,
                  render: (_: unknown, p: PlannedItem) => (p.leadUnitId ? unitName(p.leadUnitId) : <Typography.Text type="secondary">{rt('noLead')}</Typography.Text>),
                },
                { key: 'co', title: rt('co'), width: 200, render: (_: unknown, p: PlannedItem) => p.coUnitIds.map(unitName).join('、') },
                {
                  key: 'deadline',
                  title: rt('deadline'),
                  width: 170,
                  render: (_: unknown, p: PlannedItem) =>
                    !p.assigned ? null : (
                      <span style={{ whiteSpace: 'nowrap' }}>
                        {p.deadline ?? (p.cadence ? t(`cadence.${p.cadence}`) : '—')}
                        {p.defaulted ? (
                          <Tag color="gold" style={{ marginLeft: 6 }} data-testid="plan-defaulted">
                            {rt('defaulted')}
                          </Tag>
                        ) : null}
                      </span>
                    ),
                },
              ]
            : []),
        ]}
      />
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

export interface CreatedItem {
  readonly itemId: string;
  readonly title: string;
  readonly number?: string;
  readonly assigned?: boolean;
  readonly leadUnitId?: string | null;
  readonly coUnitIds?: readonly string[];
  readonly deadline?: string | null;
}

/** The result of a confirmation: each created item by number and title, to whom it went and by when. */
export function CreatedItems({ items }: { items: readonly CreatedItem[] }) {
  const { t } = useI18n();
  const rt = useReadoutText();
  const unitName = useUnitName();
  const path = (id: string) => `/items/${encodeURIComponent(id)}`;
  return (
    <Table
      size="small"
      rowKey="itemId"
      pagination={false}
      scroll={{ x: 720 }}
      style={{ maxWidth: 1100, margin: '0 auto', textAlign: 'left' }}
      dataSource={items as CreatedItem[]}
      columns={[
        { key: 'number', title: t('col.number'), width: 190, render: (_, x) => (x.number ? <Link to={path(x.itemId)}>{x.number}</Link> : null) },
        {
          key: 'title',
          title: t('col.title'),
          render: (_, x) => (
            <Link to={path(x.itemId)} data-testid="created-item">
              {x.title}
            </Link>
          ),
        },
        { key: 'lead', title: t('col.lead'), width: 170, render: (_, x) => unitName(x.leadUnitId ?? null) },
        { key: 'co', title: t('col.co'), width: 200, render: (_, x) => (x.coUnitIds ?? []).map(unitName).join('、') },
        { key: 'deadline', title: t('col.deadline'), width: 110, render: (_, x) => <span style={{ whiteSpace: 'nowrap' }}>{x.deadline ?? ''}</span> },
        {
          key: 'state',
          title: t('col.state'),
          width: 110,
          render: (_, x) => (x.assigned === undefined ? null : x.assigned ? <Tag color="blue">{rt('resultAssigned')}</Tag> : <Tag>{rt('resultDraft')}</Tag>),
        },
      ]}
    />
  );
}
