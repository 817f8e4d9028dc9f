import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { ItemDetail, LedgerType } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { UnstaffedWarning } from './UnstaffedWarning.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { useLocalised } from '../../ledgers/queries.js';
import { useUnitPicker } from '../../ledgers/unit-picker.js';
import { actionBody } from '../action-body.js';
import { useEvidenceText } from '../../../i18n/evidence.js';
import { useEvidenceLimits, useStageUpload, useWithdrawEvidence } from '../evidence.js';
import { formatBytes, onSubmitStaged, tooLarge, type StagedFile } from '../evidence-staging.js';
import { useEvidence } from '../queries.js';
import { signedDecisionOf } from '../../signatures/signing.js';
import { PersonalDataHint, SigningField } from './DialogHints.js';
import { formFields } from './FieldInput.js';
import { FieldItem } from './ItemBasics.js';

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

interface PickerProps {
  itemId: string;
  /** Files uploaded in this dialog and not yet cited by a submitted action (withdrawn on 取消). */
  staged: readonly StagedFile[];
  onStaged: Dispatch<SetStateAction<StagedFile[]>>;
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}

/**
 * Evidence files of the item as checkboxes, with an upload that adds (and ticks) a new one. What is uploaded here
 * is staged (evidence-staging.ts): listed apart, removable, and the item's only once the action is submitted. The
 * size limit is stated before a file is chosen, and a larger file is refused before it is sent.
 */
function EvidencePicker({ itemId, staged, onStaged, id, value, onChange }: PickerProps) {
  const { t } = useI18n();
  const et = useEvidenceText();
  const files = useEvidence(itemId);
  const limits = useEvidenceLimits();
  const upload = useStageUpload(itemId);
  const withdraw = useWithdrawEvidence(itemId);
  const errorText = useErrorText();
  const [refused, setRefused] = useState<string | null>(null);
  // Uploads finish one after another while the dialog re-renders: each adds to the latest ticks, not to those of
  // the render that started it.
  const latest = useRef(value);
  latest.current = value;
  const stagedIds = new Set(staged.map((f) => f.id));
  const existing = (files.data ?? []).filter((e) => !stagedIds.has(e.id));
  const maxBytes = limits.data?.maxBytes;
  const remove = (f: StagedFile) => {
    onStaged((now) => now.filter((s) => s.id !== f.id));
    onChange?.((latest.current ?? []).filter((v) => v !== f.id));
    withdraw.mutate({ evidenceId: f.id });
  };
  // A group named like its form label (a <label for> cannot name a group of checkboxes and a button).
  return (
    <div id={id} role="group" aria-label={t('form.evidence')}>
      <Checkbox.Group value={value ?? []} onChange={(v) => onChange?.(v as string[])} style={{ display: 'flex', flexDirection: 'column' }}>
        {existing.map((e) => (
          <Checkbox key={e.id} value={e.id}>
            {e.fileName}
          </Checkbox>
        ))}
        {staged.length > 0 ? (
          <Typography.Text type="secondary" style={{ marginTop: 4 }}>
            {et('staged')}
          </Typography.Text>
        ) : null}
        {staged.map((f) => (
          <Space key={f.id} size={4} data-testid="staged-file">
            <Checkbox value={f.id}>{f.fileName}</Checkbox>
            <Button type="link" size="small" onClick={() => remove(f)} aria-label={`${et('remove')} ${f.fileName}`}>
              {et('remove')}
            </Button>
          </Space>
        ))}
      </Checkbox.Group>
      <Space wrap align="center" style={{ marginTop: 8 }}>
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            const big = tooLarge(file, maxBytes);
            setRefused(big ? et('tooLarge', big) : null);
            return big ? Upload.LIST_IGNORE : true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutate(file as File, {
              onSuccess: (e) => {
                onStaged((now) => [...now, { id: e.id, fileName: e.fileName }]);
                onChange?.([...(latest.current ?? []), e.id]);
                onSuccess?.(e);
              },
              onError: (err) => onError?.(err as Error),
            });
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('item.upload')}
          </Button>
        </Upload>
        {maxBytes !== undefined ? <Typography.Text type="secondary">{et('limit', { max: formatBytes(maxBytes) })}</Typography.Text> : null}
      </Space>
      {refused ? <Alert type="error" showIcon role="alert" message={refused} style={{ marginTop: 8 }} /> : null}
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
  const [staged, setStaged] = useState<StagedFile[]>([]);
  const withdraw = useWithdrawEvidence(detail.item.id);
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
      <EvidencePicker itemId={item.id} staged={staged} onStaged={setStaged} />
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
              <FieldItem key={f.name} field={f} />
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
  // 取消 leaves no evidence: what this dialog uploaded is withdrawn (the requests outlive the closing dialog).
  const cancel = () => {
    for (const f of staged) withdraw.mutate({ evidenceId: f.id });
    onCancel();
  };
  const finish = (values: Record<string, unknown>) => {
    const { keep, withdraw: unticked } = onSubmitStaged(staged, Array.isArray(values.evidence) ? (values.evidence as string[]) : []);
    for (const f of unticked) withdraw.mutate({ evidenceId: f.id });
    setStaged(keep);
    onSubmit(actionBody(slug, values, item.stageKey));
  };
  const title = `${t(`action.${slug}` as MessageKey)}${stage && (slug === 'pass-stage' || slug === 'reject') ? ` · ${localised(stage.name)}` : ''}`;
  return (
    <Modal open title={title} onCancel={cancel} okText={t('common.submit')} cancelText={t('common.cancel')} confirmLoading={pending} onOk={() => form.submit()} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        name={`action-${slug}`}
        initialValues={{ decision: 'approve', percent: Math.round(item.progress), kind: 'urge', evidence: [], coUnitIds: [] }}
        onFinish={finish}
      >
        {body()}
        <PersonalDataHint slug={slug} form={form} />
      </Form>
      {error ? <Alert type="error" showIcon role="alert" message={errorText(error)} /> : null}
    </Modal>
  );
}
