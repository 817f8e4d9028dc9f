import { Alert, Button, DatePicker, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client.js';
import type { ItemView } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { UnstaffedWarning } from './UnstaffedWarning.js';
import { useI18n } from '../../../i18n/index.js';
import { useUnitOptions } from '../../ledgers/queries.js';
import { actionBody } from '../action-body.js';
import { itemKeys } from '../queries.js';

import type { BulkSlug } from './bulk-actions.js';

const URGE_KINDS = ['urge', 'supervision_letter', 'bulletin'] as const;

export interface BulkOutcome {
  readonly itemId: string;
  readonly ok: boolean;
  readonly status?: string;
  readonly code?: string;
  readonly message?: string;
  readonly warnings?: readonly { code: string; unitId: string; message: string }[];
}

const notPast = (d: Dayjs) => d.isBefore(dayjs().startOf('day'));

/**
 * One bulk action on a selection: the action's form once, then one result per item — done, or refused with the
 * reason (nothing half-done inside an item), and warnings such as a lead unit without an active handler.
 */
export function BulkDialog({ slug, items, onClose }: { readonly slug: BulkSlug; readonly items: readonly ItemView[]; onClose(acted: boolean): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const unitOptions = useUnitOptions();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: (data: Record<string, unknown>) => api<{ results: BulkOutcome[] }>(`/items/bulk/${slug}`, { body: { ids: items.map((i) => i.id), data } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: itemKeys.all }),
  });
  const results = run.data?.results;
  const byId = new Map(items.map((i) => [i.id, i]));
  const done = results?.filter((r) => r.ok).length ?? 0;
  const reason = (
    <Form.Item name="reason" label={t('form.reason')} rules={[{ required: true, whitespace: true, message: t('form.reasonRequired') }]}>
      <Input.TextArea maxLength={2000} />
    </Form.Item>
  );
  const fields = () => {
    switch (slug) {
      case 'assign':
        return (
          <>
            <Form.Item name="leadUnitId" label={t('form.lead')} rules={[{ required: true, message: t('form.leadRequired') }]}>
              <Select showSearch optionFilterProp="label" options={unitOptions} />
            </Form.Item>
            <UnstaffedWarning />
            <Form.Item name="coUnitIds" label={t('form.co')}>
              <Select mode="multiple" optionFilterProp="label" options={unitOptions} />
            </Form.Item>
            <Form.Item name="deadline" label={t('form.deadline')} extra={t('bulk.deadlineDefault')}>
              <DatePicker style={{ width: '100%' }} disabledDate={notPast} />
            </Form.Item>
          </>
        );
      case 'urge':
        return (
          <>
            <Form.Item name="kind" label={t('form.urgeKind')} initialValue="urge">
              <Select options={URGE_KINDS.map((k) => ({ value: k, label: t(`urge.${k}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'transfer':
        return (
          <>
            <Form.Item name="leadUnitId" label={t('form.lead')} rules={[{ required: true, message: t('form.leadRequired') }]}>
              <Select showSearch optionFilterProp="label" options={unitOptions} />
            </Form.Item>
            <UnstaffedWarning />
            {reason}
            <Form.Item name="deadline" label={t('form.deadline')} extra={t('form.deadlineKept')}>
              <DatePicker style={{ width: '100%' }} disabledDate={notPast} />
            </Form.Item>
          </>
        );
      case 'cancel':
        return reason;
    }
  };
  // assign's body leaves deadline null when none is picked: the ledger type's default time limit applies.
  const submit = (v: Record<string, unknown>) => run.mutate(actionBody(slug, v, null));
  return (
    <Modal
      open
      title={t('bulk.title', { action: t(`action.${slug}`), n: items.length })}
      onCancel={() => onClose(results !== undefined)}
      footer={
        results ? (
          <Button type="primary" onClick={() => onClose(true)}>
            {t('bulk.close')}
          </Button>
        ) : null
      }
      width={results ? 760 : 520}
      destroyOnHidden
    >
      {results ? (
        <>
          <Alert
            type={done === results.length ? 'success' : 'warning'}
            showIcon
            message={t('bulk.summary', { done, refused: results.length - done })}
            style={{ marginBottom: 12 }}
            data-testid="bulk-summary"
          />
          <Table<BulkOutcome>
            rowKey="itemId"
            size="small"
            pagination={false}
            dataSource={results}
            scroll={{ y: 400 }}
            columns={[
              { key: 'n', title: t('col.number'), width: 170, render: (_, r) => byId.get(r.itemId)?.number ?? r.itemId },
              { key: 't', title: t('col.title'), render: (_, r) => byId.get(r.itemId)?.title ?? '' },
              {
                key: 'r',
                title: t('bulk.result'),
                width: 260,
                render: (_, r) =>
                  r.ok ? (
                    <>
                      <Tag color="green">{t('bulk.done')}</Tag>
                      {(r.warnings ?? []).map((w) => (
                        <Typography.Paragraph key={w.code + w.unitId} type="warning" style={{ margin: 0 }}>
                          {w.message}
                        </Typography.Paragraph>
                      ))}
                    </>
                  ) : (
                    <>
                      <Tag color="red">{t('bulk.refused')}</Tag>
                      <Typography.Text type="secondary">{r.message}</Typography.Text>
                    </>
                  ),
              },
            ]}
          />
        </>
      ) : (
        <Form layout="vertical" onFinish={submit}>
          <Typography.Paragraph type="secondary">{t('bulk.intro')}</Typography.Paragraph>
          {fields()}
          {run.isError ? <Alert type="error" showIcon message={errorText(run.error)} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" loading={run.isPending} data-testid="bulk-submit">
            {t(`action.${slug}`)}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
