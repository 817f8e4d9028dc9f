import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ItemDetail, LedgerType } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { UnstaffedWarning } from './UnstaffedWarning.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { useLocalised } from '../../ledgers/queries.js';
import { useUnitPicker } from '../../ledgers/unit-picker.js';
import { actionBody } from '../action-body.js';
import { useUploadEvidence } from '../mutations.js';
import { useEvidence } from '../queries.js';
import { signedDecisionOf } from '../../signatures/signing.js';
import { PersonalDataHint, SigningField } from './DialogHints.js';
import { FieldInput, formFields } from './FieldInput.js';

const CADENCES = ['weekly', 'biweekly', 'monthly', 'quarterly'] as const;
const URGE_KINDS = ['urge', 'supervision_letter', 'bulletin'] as const;
/** antd's Radio.Group passes `role` on but does not type it; a radiogroup is announced as one choice. */
const RADIOGROUP = { role: 'radiogroup' };
const SATISFACTION = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;

export interface ActionDialogProps {
  readonly slug: string;
  readonly detail: ItemDetail;
  readonly type: LedgerType | undefined;
  readonly pending: boolean;
  readonly error: unknown;
  onSubmit(body: Record<string, unknown>): void;
  onCancel(): void;
}

/** Evidence files of the item as checkboxes, with an upload that adds (and ticks) a new one. */
function EvidencePicker({ itemId, id, value, onChange }: { itemId: string; id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useI18n();
  const files = useEvidence(itemId);
  const upload = useUploadEvidence(itemId);
  const errorText = useErrorText();
  // A group named like its form label (a <label for> cannot name a group of checkboxes and a button).
  return (
    <div id={id} role="group" aria-label={t('form.evidence')}>
      <Checkbox.Group
        value={value ?? []}
        onChange={(v) => onChange?.(v as string[])}
        options={(files.data ?? []).map((e) => ({ value: e.id, label: e.fileName }))}
        style={{ display: 'flex', flexDirection: 'column' }}
      />
      <Upload
        showUploadList={false}
        customRequest={({ file, onSuccess, onError }) => {
          upload.mutate(file as File, {
            onSuccess: (e) => {
              onChange?.([...(value ?? []), e.id]);
              onSuccess?.(e);
            },
            onError: (err) => onError?.(err as Error),
          });
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} style={{ marginTop: 8 }}>
          {t('item.upload')}
        </Button>
      </Upload>
      {upload.isError ? <Alert type="error" showIcon message={errorText(upload.error)} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}

/** The form of one action: exactly the inputs its command takes, reasons required where the loop needs one. */
export function ActionDialog({ slug, detail, type, pending, error, onSubmit, onCancel }: ActionDialogProps) {
  const { t } = useI18n();
  const localised = useLocalised();
  const picker = useUnitPicker();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [decision, setDecision] = useState<'approve' | 'deny'>('approve');
  const item = detail.item;
  const stage = type?.closureStages.find((s) => s.key === item.stageKey);
  const signed =
    slug === 'pass-stage'
      ? signedDecisionOf(
          item.stageKey,
          (type?.closureStages ?? []).map((s) => s.key),
        )
      : null;
  // Past days are never a deadline; an extension must move the deadline later (the server checks both again).
  const notPast = (d: Dayjs) => d.isBefore(dayjs(), 'day');
  const notBeforeDeadline = (d: Dayjs) => notPast(d) || (item.currentDeadline !== null && !d.isAfter(dayjs(item.currentDeadline), 'day'));
  // Past days are refused with a reason rather than greyed out: antd drops a typed disabled date silently, and
  // the form then said only "请填写".
  const notPastRule = { validator: (_: unknown, v?: Dayjs | null) => (v && notPast(v) ? Promise.reject(new Error(t('form.deadlineNotPast'))) : Promise.resolve()) };
  const afterDeadlineRule = {
    validator: (_: unknown, v?: Dayjs | null) =>
      v && notBeforeDeadline(v)
        ? Promise.reject(new Error(notPast(v) ? t('form.deadlineNotPast') : t('form.deadlineAfterCurrent', { deadline: item.currentDeadline ?? '' })))
        : Promise.resolve(),
  };
  const reason = (label: MessageKey = 'form.reason') => (
    <Form.Item name="reason" label={t(label)} rules={[{ required: true, whitespace: true, message: t('form.reasonRequired') }]}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
    </Form.Item>
  );
  const textItem = (label: MessageKey) => (
    <Form.Item name="text" label={t(label)} rules={[{ required: true, whitespace: true, message: t('form.textRequired') }]}>
      <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20_000} />
    </Form.Item>
  );
  const evidence = (required: boolean) => (
    <Form.Item name="evidence" label={t('form.evidence')} rules={required ? [{ required: true, type: 'array', min: 1, message: t('form.evidenceRequired') }] : []}>
      <EvidencePicker itemId={item.id} />
    </Form.Item>
  );
  const body = () => {
    switch (slug) {
      case 'assign':
        return (
          <>
            <Form.Item name="leadUnitId" label={t('form.lead')} rules={[{ required: true, message: t('form.leadRequired') }]}>
              <Select {...picker.props} options={picker.options} />
            </Form.Item>
            <UnstaffedWarning />
            <Form.Item name="coUnitIds" label={t('form.co')}>
              <Select mode="multiple" {...picker.props} options={picker.options} />
            </Form.Item>
            <Form.Item
              name="deadline"
              label={t('form.deadline')}
              dependencies={['cadence']}
              rules={[
                ({ getFieldValue }) => ({ validator: (_, v) => (v || getFieldValue('cadence') ? Promise.resolve() : Promise.reject(new Error(t('form.deadlineOrCadence')))) }),
                notPastRule,
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="cadence" label={t('cadence.label')}>
              <Select allowClear options={CADENCES.map((c) => ({ value: c, label: t(`cadence.${c}`) }))} />
            </Form.Item>
          </>
        );
      case 'accept':
        return (
          <Form.Item name="contact" label={t('form.contact')}>
            <Input maxLength={200} />
          </Form.Item>
        );
      case 'return':
      case 'cancel':
      case 'reject':
        return reason();
      case 'report':
        return (
          <>
            {textItem('form.text')}
            <Form.Item name="percent" label={t('form.percent')} rules={[{ required: true, message: t('form.required') }]}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} />
            </Form.Item>
            {evidence(false)}
          </>
        );
      case 'report-co-unit':
        return (
          <>
            {textItem('form.text')}
            {evidence(false)}
          </>
        );
      case 'request-extension':
        return (
          <>
            <Form.Item
              name="deadline"
              label={t('form.newDeadline')}
              rules={[{ required: true, message: t('form.required') }, afterDeadlineRule]}
              extra={item.currentDeadline ? t('item.extensionBeforeDeadline', { deadline: item.currentDeadline }) : undefined}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            {reason()}
          </>
        );
      case 'decide-extension':
        return (
          <>
            <Form.Item name="decision" label={t('form.decision')}>
              <Radio.Group
                {...RADIOGROUP}
                aria-label={t('form.decision')}
                onChange={(e) => setDecision(e.target.value as 'approve' | 'deny')}
                options={[
                  { value: 'approve', label: t('form.approve') },
                  { value: 'deny', label: t('form.deny') },
                ]}
              />
            </Form.Item>
            {decision === 'deny' ? (
              reason()
            ) : (
              <>
                <Form.Item name="deadline" label={t('form.newDeadline')} rules={[notPastRule]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="note" label={t('form.note')}>
                  <Input.TextArea maxLength={2000} />
                </Form.Item>
              </>
            )}
          </>
        );
      case 'request-closure':
        return (
          <>
            <Form.Item name="summary" label={t('form.summary')} rules={[{ required: true, whitespace: true, message: t('form.textRequired') }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20_000} />
            </Form.Item>
            {formFields((type?.fields ?? []).filter((f) => f.filledAt === 'closure')).map((f) => (
              <Form.Item
                key={f.name}
                name={['fields', f.name]}
                label={localised(f.label)}
                valuePropName={f.kind === 'boolean' ? 'checked' : 'value'}
                rules={f.required ? [{ required: true, message: t('form.required') }] : []}
              >
                <FieldInput field={f} />
              </Form.Item>
            ))}
            {evidence(true)}
          </>
        );
      case 'pass-stage':
        return (
          <>
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea maxLength={2000} />
            </Form.Item>
            {stage?.rating ? (
              <>
                <Form.Item name="satisfaction" label={t('form.rating')} rules={[{ required: true, message: t('form.required') }]}>
                  <Select options={SATISFACTION.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))} />
                </Form.Item>
                <Form.Item name="resolved" label={t('form.resolved')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </>
            ) : null}
            {signed ? <SigningField decision={signed} /> : null}
          </>
        );
      case 'reopen':
        return (
          <>
            {reason()}
            <Form.Item name="deadline" label={t('form.newDeadline')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        );
      case 'confirm-recheck':
        return (
          <>
            {textItem('form.recheckNote')}
            {evidence(false)}
          </>
        );
      case 'urge':
        return (
          <>
            <Form.Item name="kind" label={t('form.urgeKind')}>
              <Select options={URGE_KINDS.map((k) => ({ value: k, label: t(`urge.${k}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'instruct':
        return textItem('form.instruction');
      case 'transfer':
        return (
          <>
            <Form.Item name="leadUnitId" label={t('form.lead')} rules={[{ required: true, message: t('form.leadRequired') }]}>
              <Select {...picker.props} options={picker.options.filter((o) => o.value !== item.leadUnitId)} />
            </Form.Item>
            <UnstaffedWarning />
            <Form.Item name="deadline" label={t('form.resetDeadline')} extra={t('form.deadlineKept')} rules={[notPastRule]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            {reason()}
          </>
        );
      case 'escalate':
        return (
          <>
            <Form.Item name="toUnitId" label={t('form.escalateTo')} extra={t('form.escalateToHint')}>
              <Select allowClear {...picker.props} options={picker.options} />
            </Form.Item>
            {reason()}
          </>
        );
      case 'request-return':
        return reason();
      case 'decide-return':
        return (
          <>
            {item.pendingReturn ? <p>{t('form.returnRequested', { reason: item.pendingReturn.reason })}</p> : null}
            <Form.Item name="decision" label={t('form.decision')}>
              <Radio.Group
                {...RADIOGROUP}
                aria-label={t('form.decision')}
                onChange={(e) => setDecision(e.target.value as 'approve' | 'deny')}
                options={[
                  { value: 'approve', label: t('form.approve') },
                  { value: 'deny', label: t('form.deny') },
                ]}
              />
            </Form.Item>
            {decision === 'deny' ? reason() : null}
          </>
        );
      case 'list-flag':
        return (
          <>
            <Form.Item name="level" label={t('form.listingLevel')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={(['city', 'district'] as const).map((l) => ({ value: l, label: t(`listing.${l}`) }))} />
            </Form.Item>
            {reason()}
          </>
        );
      case 'unlist-flag':
        return (
          <Form.Item name="note" label={t('form.note')}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        );
      default:
        return null;
    }
  };
  const title = `${t(`action.${slug}` as MessageKey)}${stage && (slug === 'pass-stage' || slug === 'reject') ? ` · ${localised(stage.name)}` : ''}`;
  return (
    <Modal open title={title} onCancel={onCancel} okText={t('common.submit')} cancelText={t('common.cancel')} confirmLoading={pending} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        name={`action-${slug}`}
        initialValues={{ decision: 'approve', percent: Math.round(item.progress), kind: 'urge', evidence: [], coUnitIds: [] }}
        onFinish={(values: Record<string, unknown>) => onSubmit(actionBody(slug, values, item.stageKey))}
      >
        {body()}
        <PersonalDataHint slug={slug} form={form} />
      </Form>
      {error ? <Alert type="error" showIcon role="alert" message={errorText(error)} /> : null}
    </Modal>
  );
}
