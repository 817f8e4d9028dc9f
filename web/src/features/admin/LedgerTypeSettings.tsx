import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Collapse, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/index.js';
import { serverMessageZh, useLs, type LsKey } from '../../i18n/ledger-settings.js';
import { useLocalised } from '../ledgers/queries.js';
import {
  configOf,
  DEFAULT_TEMPLATE,
  draftsOf,
  ESCALATION_KINDS,
  escalationOutOfOrder,
  fieldProblem,
  isDirty,
  issuesOf,
  issueWhere,
  move,
  newStage,
  newTypeProblem,
  nextEscalationStep,
  SIMPLE_KINDS,
  TIME_UNITS,
  WARNING_KEYS,
  withNewType,
  withoutNewType,
  type EscalationStep,
  type Field,
  type Issue,
  type FieldDraft,
  type Label,
  type LedgerConfigView,
  type NewTypeInput,
  type Stage,
  type TypeDraft,
} from './ledger-config.js';
import { useLedgerConfig, useSaveLedgerConfig } from './ledger-config-queries.js';

type SetDraft = (change: (d: TypeDraft) => TypeDraft) => void;

function LabelInputs({ value, onChange, zh, en, width = 180 }: { value: Label; onChange: (l: Label) => void; zh: string; en: string; width?: number }) {
  return (
    <Space wrap>
      <Input aria-label={zh} placeholder={zh} value={value.zh} maxLength={100} onChange={(e) => onChange({ ...value, zh: e.target.value })} style={{ width }} />
      <Input aria-label={en} placeholder={en} value={value.en} maxLength={200} onChange={(e) => onChange({ ...value, en: e.target.value })} style={{ width: width + 20 }} />
    </Space>
  );
}

function StagesEditor({ d, set }: { d: TypeDraft; set: SetDraft }) {
  const ls = useLs();
  const setStages = (stages: Stage[]) => set((x) => ({ ...x, stages }));
  const patch = (i: number, p: Partial<Stage>) => setStages(d.stages.map((s, j) => (j === i ? ({ ...s, ...p } as Stage) : s)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {d.stages.map((s, i) => (
        <Space key={`${s.key}-${i}`} wrap align="center">
          <Typography.Text strong>{i + 1}.</Typography.Text>
          <Typography.Text code title={ls('stageKey')}>
            {s.key}
          </Typography.Text>
          <LabelInputs value={s.name} onChange={(name) => patch(i, { name })} zh={ls('nameZh')} en={ls('nameEn')} width={140} />
          <Select
            aria-label={ls('stageBy')}
            value={s.by ?? 'supervisor'}
            onChange={(by) => patch(i, { by })}
            options={(['supervisor', 'leader'] as const).map((b) => ({ value: b, label: ls(`by.${b}`) }))}
            style={{ width: 110 }}
          />
          <InputNumber
            aria-label={ls('stageDays')}
            placeholder={ls('stageDays')}
            min={1}
            max={365}
            precision={0}
            value={s.timeLimitWorkingDays ?? null}
            onChange={(v) => patch(i, { timeLimitWorkingDays: v ?? undefined })}
            addonAfter={ls('unit.working_days')}
            style={{ width: 150 }}
          />
          <Tooltip title={ls('up')}>
            <Button aria-label={ls('up')} size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => setStages(move(d.stages, i, -1))} />
          </Tooltip>
          <Tooltip title={ls('down')}>
            <Button aria-label={ls('down')} size="small" icon={<ArrowDownOutlined />} disabled={i === d.stages.length - 1} onClick={() => setStages(move(d.stages, i, 1))} />
          </Tooltip>
          <Tooltip title={d.stages.length === 1 ? ls('lastStage') : ls('remove')}>
            <Button
              aria-label={ls('remove')}
              size="small"
              danger
              icon={<DeleteOutlined />}
              disabled={d.stages.length === 1}
              onClick={() => setStages(d.stages.filter((_, j) => j !== i))}
            />
          </Tooltip>
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setStages([...d.stages, newStage(d.stages, { zh: ls('newStage'), en: 'New stage' })])}>
        {ls('addStage')}
      </Button>
    </Space>
  );
}

/** The escalation ladder (催办 → 督办函 → 通报): which step, how many working days after the deadline. */
function EscalationEditor({ d, set }: { d: TypeDraft; set: SetDraft }) {
  const ls = useLs();
  const { tx } = useI18n();
  const steps = d.warningRules.escalation;
  const setSteps = (escalation: EscalationStep[]) => set((x) => ({ ...x, warningRules: { ...x.warningRules, escalation } }));
  const patch = (i: number, p: Partial<EscalationStep>) => setSteps(steps.map((s, j) => (j === i ? { ...s, ...p } : s)));
  const outOfOrder = escalationOutOfOrder(steps);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{ls('escalationHint')}</Typography.Text>
      {steps.length === 0 ? <Typography.Text type="secondary">{ls('noEscalation')}</Typography.Text> : null}
      {steps.map((s, i) => (
        <Space key={i} wrap align="center" data-testid={`escalation-step-${i}`}>
          <Typography.Text strong>{i + 1}.</Typography.Text>
          <Select
            aria-label={ls('escalationKind')}
            value={s.kind}
            onChange={(kind) => patch(i, { kind })}
            options={ESCALATION_KINDS.map((k) => ({ value: k, label: tx('urge', k) }))}
            style={{ width: 130 }}
          />
          <InputNumber
            aria-label={ls('escalationAfter')}
            min={0}
            max={365}
            precision={0}
            value={s.afterWorkingDays}
            onChange={(v) => patch(i, { afterWorkingDays: v ?? 0 })}
            addonAfter={ls('unit.working_days')}
            style={{ width: 170 }}
          />
          <Typography.Text type="secondary">{ls('escalationAfter')}</Typography.Text>
          <Tooltip title={ls('up')}>
            <Button aria-label={ls('up')} size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => setSteps(move(steps, i, -1))} />
          </Tooltip>
          <Tooltip title={ls('down')}>
            <Button aria-label={ls('down')} size="small" icon={<ArrowDownOutlined />} disabled={i === steps.length - 1} onClick={() => setSteps(move(steps, i, 1))} />
          </Tooltip>
          <Tooltip title={ls('remove')}>
            <Button aria-label={ls('remove')} size="small" danger icon={<DeleteOutlined />} onClick={() => setSteps(steps.filter((_, j) => j !== i))} />
          </Tooltip>
        </Space>
      ))}
      {outOfOrder !== null ? <Alert type="warning" showIcon message={ls('escalationOrder', { n: outOfOrder + 1 })} /> : null}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setSteps([...steps, nextEscalationStep(steps)])}>
        {ls('addEscalation')}
      </Button>
    </Space>
  );
}

function FieldsEditor({ d, set }: { d: TypeDraft; set: SetDraft }) {
  const ls = useLs();
  const [adding, setAdding] = useState<{ name: string; kind: (typeof SIMPLE_KINDS)[number]; label: Label; required: boolean }>({
    name: '',
    kind: 'text',
    label: { zh: '', en: '' },
    required: false,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const patch = (name: string, p: Partial<Field>) => set((x) => ({ ...x, fields: x.fields.map((f) => (f.def.name === name ? { ...f, def: { ...f.def, ...p } as Field } : f)) }));
  const add = () => {
    const p = fieldProblem(d.fields, adding);
    if (p) return setProblem(ls(`problem.${p}` as LsKey));
    setProblem(null);
    const def = { name: adding.name, kind: adding.kind, label: { zh: adding.label.zh.trim(), en: adding.label.en.trim() }, ...(adding.required && { required: true }) } as Field;
    set((x) => ({ ...x, fields: [...x.fields, { def, stored: false }] }));
    setAdding({ name: '', kind: 'text', label: { zh: '', en: '' }, required: false });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<FieldDraft>
        rowKey={(f) => f.def.name}
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={[...d.fields]}
        columns={[
          { key: 'n', title: ls('fieldName'), render: (_, f) => <Typography.Text code>{f.def.name}</Typography.Text> },
          { key: 'k', title: ls('fieldKind'), render: (_, f) => ls(`kind.${f.def.kind}` as LsKey) },
          {
            key: 'l',
            title: `${ls('labelZh')} / ${ls('labelEn')}`,
            render: (_, f) => <LabelInputs value={f.def.label} onChange={(label) => patch(f.def.name, { label })} zh={ls('labelZh')} en={ls('labelEn')} />,
          },
          {
            key: 'r',
            title: ls('required'),
            render: (_, f) => (
              <Checkbox aria-label={`${ls('required')} ${f.def.name}`} checked={Boolean(f.def.required)} onChange={(e) => patch(f.def.name, { required: e.target.checked })} />
            ),
          },
          {
            key: 'x',
            title: '',
            render: (_, f) =>
              f.stored ? (
                <Tooltip title={ls('storedField')}>
                  <Button size="small" icon={<DeleteOutlined />} disabled aria-label={ls('storedField')} />
                </Tooltip>
              ) : (
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={ls('remove')}
                  onClick={() => set((x) => ({ ...x, fields: x.fields.filter((y) => y.def.name !== f.def.name) }))}
                />
              ),
          },
        ]}
      />
      <Space wrap align="center">
        <Input
          aria-label={ls('fieldName')}
          placeholder={ls('fieldName')}
          value={adding.name}
          onChange={(e) => setAdding({ ...adding, name: e.target.value.trim() })}
          style={{ width: 150 }}
        />
        <Select
          aria-label={ls('fieldKind')}
          value={adding.kind}
          onChange={(kind) => setAdding({ ...adding, kind })}
          options={SIMPLE_KINDS.map((k) => ({ value: k, label: ls(`kind.${k}`) }))}
          style={{ width: 120 }}
        />
        <LabelInputs value={adding.label} onChange={(label) => setAdding({ ...adding, label })} zh={ls('labelZh')} en={ls('labelEn')} />
        <Checkbox checked={adding.required} onChange={(e) => setAdding({ ...adding, required: e.target.checked })}>
          {ls('required')}
        </Checkbox>
        <Button size="small" icon={<PlusOutlined />} onClick={add}>
          {ls('addField')}
        </Button>
      </Space>
      {problem ? <Alert type="warning" showIcon message={problem} role="alert" /> : null}
    </Space>
  );
}

function TypeEditor({ d, set }: { d: TypeDraft; set: SetDraft }) {
  const ls = useLs();
  const limit = d.timeLimit;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'on',
          label: ls('enabled'),
          children: (
            <Space>
              <Switch aria-label={ls('enabled')} checked={!d.disabled} onChange={(on) => set((x) => ({ ...x, disabled: !on }))} />
              <Typography.Text type="secondary">{ls('disableHint')}</Typography.Text>
            </Space>
          ),
        },
        { key: 'name', label: ls('nameZh'), children: <LabelInputs value={d.name} onChange={(name) => set((x) => ({ ...x, name }))} zh={ls('nameZh')} en={ls('nameEn')} /> },
        // Only a type not saved yet: the prefix of a stored type is kept as it is (its items carry numbers with it).
        ...(d.created
          ? [
              {
                key: 'prefix',
                label: ls('numberPrefix'),
                children: (
                  <Input
                    aria-label={ls('numberPrefix')}
                    value={d.created.numberPrefix}
                    maxLength={12}
                    onChange={(e) => set((x) => (x.created ? { ...x, created: { ...x.created, numberPrefix: e.target.value } } : x))}
                    style={{ width: 160 }}
                  />
                ),
              },
            ]
          : []),
        {
          key: 'limit',
          label: ls('timeLimit'),
          children: (
            <Space wrap>
              <Checkbox checked={limit === null} onChange={(e) => set((x) => ({ ...x, timeLimit: e.target.checked ? null : { amount: 30, unit: 'calendar_days' } }))}>
                {ls('noTimeLimit')}
              </Checkbox>
              {limit ? (
                <>
                  <InputNumber
                    aria-label={ls('timeLimit')}
                    min={1}
                    max={3650}
                    precision={0}
                    value={limit.amount}
                    onChange={(v) => set((x) => ({ ...x, timeLimit: { ...limit, amount: v ?? 1 } }))}
                  />
                  <Select
                    aria-label={ls('timeLimit')}
                    value={limit.unit}
                    onChange={(unit) => set((x) => ({ ...x, timeLimit: { ...limit, unit } }))}
                    options={TIME_UNITS.map((u) => ({ value: u, label: ls(`unit.${u}`) }))}
                    style={{ width: 110 }}
                  />
                </>
              ) : null}
            </Space>
          ),
        },
        {
          key: 'warn',
          label: ls('warnings'),
          children: (
            <Space direction="vertical">
              {WARNING_KEYS.map((k) => (
                <Space key={k}>
                  <InputNumber
                    aria-label={ls(k)}
                    min={0}
                    max={k === 'progressLagPercent' ? 100 : 60}
                    precision={k === 'progressLagPercent' ? undefined : 0}
                    value={d.warningRules[k]}
                    onChange={(v) => set((x) => ({ ...x, warningRules: { ...x.warningRules, [k]: v ?? 0 } }))}
                  />
                  <Typography.Text>{ls(k)}</Typography.Text>
                </Space>
              ))}
            </Space>
          ),
        },
        { key: 'escalation', label: ls('escalation'), children: <EscalationEditor d={d} set={set} /> },
        { key: 'stages', label: ls('stages'), children: <StagesEditor d={d} set={set} /> },
        { key: 'fields', label: ls('fields'), children: <FieldsEditor d={d} set={set} /> },
      ]}
    />
  );
}

/** Where an issue is, in the user's language (the type's name, the part, the stage or the field's label). */
function IssueLine({ issue, drafts }: { issue: Issue; drafts: readonly TypeDraft[] }) {
  const ls = useLs();
  const { lang } = useI18n();
  const localised = useLocalised();
  const where = issueWhere(issue.path, drafts);
  const type = drafts.find((d) => d.key === where.typeKey);
  const field = type?.fields.find((f) => f.def.name === where.field);
  const parts = [
    type ? localised(type.name) : null,
    where.section ? ls(`section.${where.section}`) : null,
    where.stage !== undefined ? ls('stageN', { n: where.stage + 1 }) : null,
    where.step !== undefined ? ls('stepN', { n: where.step + 1 }) : null,
    field ? localised(field.def.label) : (where.field ?? null),
  ].filter((p): p is string => Boolean(p));
  return (
    <li>
      {parts.length > 0 ? <Typography.Text strong>{parts.join(' · ')}</Typography.Text> : <Typography.Text code>{issue.path || '—'}</Typography.Text>}
      {' — '}
      {lang === 'zh' ? serverMessageZh(issue.message) : issue.message}
    </li>
  );
}

const EMPTY_NEW_TYPE: NewTypeInput = { key: '', name: { zh: '', en: '' }, numberPrefix: '', from: DEFAULT_TEMPLATE };

/** 新建台账类型: the key, names and number prefix of a city type, and which type it starts as a copy of. */
function NewTypeDialog({
  open,
  view,
  drafts,
  onCreate,
  onClose,
}: {
  open: boolean;
  view: LedgerConfigView;
  drafts: readonly TypeDraft[];
  onCreate: (input: NewTypeInput) => void;
  onClose: () => void;
}) {
  const ls = useLs();
  const localised = useLocalised();
  const [input, setInput] = useState<NewTypeInput>(EMPTY_NEW_TYPE);
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setInput(EMPTY_NEW_TYPE);
    setProblem(null);
    onClose();
  };
  // 督办 unless chosen otherwise; the first type should a tenant lack it.
  const from = drafts.some((d) => d.key === input.from) ? input.from : (drafts[0]?.key ?? '');
  const create = () => {
    const p = newTypeProblem(view, drafts, { ...input, from });
    if (p) return setProblem(ls(`problem.${p}`));
    onCreate({ ...input, from });
    close();
  };
  return (
    <Modal open={open} title={ls('newTypeTitle')} okText={ls('create')} cancelText={ls('cancel')} onOk={create} onCancel={close} destroyOnHidden>
      <Typography.Paragraph type="secondary">{ls('newTypeHint')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={ls('typeKey')} extra={ls('typeKeyHint')}>
          <Input aria-label={ls('typeKey')} value={input.key} maxLength={40} onChange={(e) => setInput({ ...input, key: e.target.value.trim() })} />
        </Form.Item>
        <Form.Item label={`${ls('nameZh')} / ${ls('nameEn')}`}>
          <LabelInputs value={input.name} onChange={(name) => setInput({ ...input, name })} zh={ls('nameZh')} en={ls('nameEn')} />
        </Form.Item>
        <Form.Item label={ls('numberPrefix')} extra={ls('numberPrefixHint')}>
          <Input
            aria-label={ls('numberPrefix')}
            value={input.numberPrefix}
            maxLength={12}
            onChange={(e) => setInput({ ...input, numberPrefix: e.target.value })}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={ls('copyFrom')}>
          <Select
            aria-label={ls('copyFrom')}
            value={from}
            onChange={(key) => setInput({ ...input, from: key })}
            options={drafts.map((d) => ({ value: d.key, label: localised(d.name) }))}
            style={{ width: 280 }}
          />
        </Form.Item>
      </Form>
      {problem ? <Alert type="warning" showIcon message={problem} role="alert" /> : null}
    </Modal>
  );
}

/** 台账类型设置 for the system admin: edit every type, save the whole under the version it was read at. */
export default function LedgerTypeSettings() {
  const ls = useLs();
  const localised = useLocalised();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const query = useLedgerConfig(true);
  const save = useSaveLedgerConfig();
  const [base, setBase] = useState<LedgerConfigView | null>(null);
  const [drafts, setDrafts] = useState<TypeDraft[]>([]);
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const [open, setOpen] = useState<string[]>([]);
  const [creating, setCreating] = useState(false);
  // Start editing from the settings first read. A background refetch never replaces them under the admin's
  // edits: a newer version shows up as a conflict on saving, and only an explicit reload starts again.
  useEffect(() => {
    if (query.data && !base) {
      setBase(query.data);
      setDrafts(draftsOf(query.data));
    }
  }, [query.data, base]);
  const dirty = useMemo(() => (base ? isDirty(base, drafts) : false), [base, drafts]);
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  if (!base) return <Card loading size="small" />;
  const conflict = failure instanceof ApiError && (failure.status === 412 || failure.code === 'version_conflict');
  const issues = failure instanceof ApiError ? issuesOf(failure.details) : [];
  const setOne =
    (key: string): SetDraft =>
    (change) =>
      setDrafts((all) => all.map((d) => (d.key === key ? change(d) : d)));
  const onSave = () => {
    setFailure(null);
    save.mutate(
      { config: configOf(base, drafts), version: base.version },
      {
        onSuccess: (view) => {
          setBase(view);
          setDrafts(draftsOf(view));
          void message.success(ls('saved'));
        },
        onError: (e) => {
          setFailure(e);
          const named = issuesOf(e instanceof ApiError ? e.details : null).map((i) => issueWhere(i.path, drafts).typeKey);
          setOpen((keys) => [...new Set([...keys, ...named.filter((k): k is string => k !== null)])]);
        },
      },
    );
  };
  const reload = async () => {
    const r = await query.refetch();
    if (!r.data) return;
    setFailure(null);
    setBase(r.data);
    setDrafts(draftsOf(r.data));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon message={ls('intro')} />
      <Space wrap>
        <Typography.Text type="secondary">{base.version === 0 ? ls('builtinVersion') : ls('version', { v: base.version })}</Typography.Text>
        {dirty ? <Tag color="orange">{ls('unsaved')}</Tag> : null}
        <Button type="primary" onClick={onSave} loading={save.isPending} disabled={!dirty || conflict}>
          {ls('save')}
        </Button>
        <Button
          onClick={() => {
            setFailure(null);
            setDrafts(draftsOf(base));
          }}
          disabled={!dirty}
        >
          {ls('discard')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {ls('newType')}
        </Button>
      </Space>
      <NewTypeDialog
        open={creating}
        view={base}
        drafts={drafts}
        onClose={() => setCreating(false)}
        onCreate={(input) => {
          setDrafts((all) => withNewType(base, all, input));
          setOpen((keys) => [...keys, input.key]);
        }}
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          message={ls('conflictTitle')}
          description={ls('conflict', { v: base.version })}
          action={
            <Button size="small" onClick={() => void reload()}>
              {ls('reload')}
            </Button>
          }
        />
      ) : failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={issues.length > 0 ? ls('invalidTitle') : errorText(failure)}
          description={
            issues.length > 0 ? (
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{errorText(failure)}</Typography.Paragraph>
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {issues.slice(0, 20).map((i, n) => (
                    <IssueLine key={n} issue={i} drafts={drafts} />
                  ))}
                </ul>
              </>
            ) : undefined
          }
        />
      ) : null}
      <Collapse
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
        items={drafts.map((d) => ({
          key: d.key,
          label: (
            <Space wrap>
              <span>{localised(d.name)}</span>
              {d.custom ? <Tag color="blue">{ls('customTag')}</Tag> : null}
              {d.created ? <Tag color="orange">{ls('newTag')}</Tag> : null}
              {d.disabled ? <Tag color="default">{ls('disabledTag')}</Tag> : null}
            </Space>
          ),
          extra: d.created ? (
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={(e) => {
                // The header toggles the panel; removing must not.
                e.stopPropagation();
                setDrafts((all) => withoutNewType(all, d.key));
                setOpen((keys) => keys.filter((k) => k !== d.key));
              }}
            >
              {ls('removeNewType')}
            </Button>
          ) : undefined,
          children: <TypeEditor d={d} set={setOne(d.key)} />,
        }))}
      />
    </Space>
  );
}
