import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useSignalsAdminText, type SignalsAdminKey } from '../../../i18n/signals-admin.js';
import { ALGORITHMS, controlToForm, fieldsOf, formToControl, INDICATOR_KEY, SEQUENTIAL } from '../control-fields.js';
import { useSaveIndicator, type IndicatorView } from '../mutations.js';

interface Values {
  key: string;
  name: string;
  algorithm: string;
  frequency: 'day' | 'week';
  windowPeriods?: number | null;
  control: Record<string, string | undefined>;
  extra?: string;
}

/**
 * 新增指标 / 编辑: key, name, algorithm with its control parameters (R's names; an empty one keeps R's
 * default), frequency and, for cumulative algorithms, the detection window. Editing keeps the key and the
 * frequency (counts exist per period); the server checks the control with the algorithm's schema.
 */
export function IndicatorDialog({ indicator, onClose }: { indicator: IndicatorView | null; onClose: (saved: string | null) => void }) {
  const ts = useSignalsAdminText();
  const save = useSaveIndicator();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const editing = indicator !== null;
  const start = indicator ? controlToForm(indicator.algorithm, indicator.control) : { values: {}, extra: '' };
  const algorithm = (Form.useWatch('algorithm', form) as string | undefined) ?? indicator?.algorithm ?? 'earsC';
  const label = (k: string) => ts(`param.${k}` as SignalsAdminKey);

  async function submit(v: Values) {
    setProblem(null);
    const control = formToControl(v.algorithm, { values: Object.fromEntries(Object.entries(v.control ?? {}).map(([k, x]) => [k, x ?? ''])), extra: v.extra ?? '' });
    if (!control.ok) {
      setProblem(control.problem.kind === 'extra' ? ts('extraInvalid') : ts('numberInvalid', { label: label(control.problem.field) }));
      return;
    }
    const body = {
      key: v.key.trim(),
      name: v.name.trim(),
      algorithm: v.algorithm as (typeof ALGORITHMS)[number],
      frequency: v.frequency,
      control: control.control,
      ...(SEQUENTIAL.has(v.algorithm) && v.windowPeriods ? { windowPeriods: v.windowPeriods } : {}),
      ...(indicator && indicator.ledgerType !== 'signal' ? { ledgerType: indicator.ledgerType } : {}),
    };
    await save.mutateAsync({ body, replace: editing });
    onClose(body.name);
  }

  return (
    <Modal open title={editing ? `${ts('edit')} · ${indicator.name}` : ts('add')} onCancel={() => onClose(null)} footer={null} width={640} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          key: indicator?.key ?? '',
          name: indicator?.name ?? '',
          algorithm: indicator?.algorithm ?? 'earsC',
          frequency: indicator?.frequency ?? 'day',
          windowPeriods: indicator && SEQUENTIAL.has(indicator.algorithm) ? indicator.windowPeriods : undefined,
          control: start.values,
          extra: start.extra,
        }}
        onFinish={(v) => void submit(v).catch(() => undefined)}
      >
        <Form.Item
          name="key"
          label={ts('key')}
          extra={ts('keyHint')}
          rules={[
            { required: true, whitespace: true, message: ts('required', { label: ts('key') }) },
            { pattern: INDICATOR_KEY, message: ts('keyInvalid') },
          ]}
        >
          <Input disabled={editing} maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={ts('name')} rules={[{ required: true, whitespace: true, message: ts('required', { label: ts('name') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap size="large" align="start">
          <Form.Item name="algorithm" label={ts('algorithm')} rules={[{ required: true }]}>
            <Select style={{ minWidth: 240 }} options={ALGORITHMS.map((a) => ({ value: a, label: ts(`algorithm.${a}`) }))} />
          </Form.Item>
          <Form.Item name="frequency" label={ts('frequency')}>
            <Radio.Group disabled={editing}>
              <Radio value="day">{ts('frequency.day')}</Radio>
              <Radio value="week">{ts('frequency.week')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Space>
        {SEQUENTIAL.has(algorithm) ? (
          <Form.Item name="windowPeriods" label={ts('window')} extra={ts('windowHint')} rules={[{ required: true, message: ts('required', { label: ts('window') }) }]}>
            <InputNumber min={1} max={3660} precision={0} />
          </Form.Item>
        ) : null}
        <Typography.Text strong>{ts('parameters')}</Typography.Text>
        <Space wrap size="middle" align="start" style={{ marginTop: 8 }}>
          {fieldsOf(algorithm).map((f) => (
            <Form.Item key={`${algorithm}-${f.name}`} name={['control', f.name]} label={label(f.name)} extra={ts('parameterDefault', { value: f.default })}>
              {f.kind === 'choice' ? (
                <Select
                  allowClear
                  style={{ minWidth: 120 }}
                  placeholder={String(f.default)}
                  options={(f.choices ?? []).map((c) => ({ value: c, label: /^C\d$/.test(c) ? c : ts(`choice.${c}` as SignalsAdminKey) }))}
                />
              ) : (
                <Input inputMode="decimal" style={{ width: 120 }} placeholder={String(f.default)} />
              )}
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="extra" label={ts('extra')} extra={ts('extraHint')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} /> : null}
        {save.error ? (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={save.error} />
          </div>
        ) : null}
        <Space>
          <Button onClick={() => onClose(null)}>{ts('cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {ts('save')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
