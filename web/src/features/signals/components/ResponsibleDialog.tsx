import { Button, Form, Modal, Select, Space } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useSignalsAdminText } from '../../../i18n/signals-admin.js';
import type { Unit } from '../../../api/types.js';
import { useSetResponsible, type IndicatorView } from '../mutations.js';

interface Values {
  region: string;
  unit: string;
  indicator: string;
}

/** Any indicator of the region: the select's value for "全部指标". */
const ALL = '';

/** 设置责任单位: which unit verifies a region's alarms, for one indicator or all of them. */
export function ResponsibleDialog({
  units,
  indicators,
  initial,
  onClose,
}: {
  units: readonly Unit[];
  indicators: readonly IndicatorView[];
  initial?: { region: string; indicator: string | null; unit: string };
  onClose: (saved: boolean) => void;
}) {
  const ts = useSignalsAdminText();
  const set = useSetResponsible();
  const regions = units.filter((u) => u.kind === 'city' || u.kind === 'district' || u.kind === 'street').map((u) => ({ value: u.id, label: u.name }));
  const all = units.map((u) => ({ value: u.id, label: u.name }));
  async function submit(v: Values) {
    await set.mutateAsync({ region: v.region, unit: v.unit, ...(v.indicator === ALL ? {} : { indicator: v.indicator }) });
    onClose(true);
  }
  return (
    <Modal open title={ts('setResponsible')} onCancel={() => onClose(false)} footer={null} destroyOnHidden>
      <Form<Values>
        layout="vertical"
        initialValues={{ region: initial?.region, unit: initial?.unit, indicator: initial?.indicator ?? ALL }}
        onFinish={(v) => void submit(v).catch(() => undefined)}
      >
        <Form.Item name="region" label={ts('region')} rules={[{ required: true, message: ts('required', { label: ts('region') }) }]}>
          <Select showSearch optionFilterProp="label" options={regions} />
        </Form.Item>
        <Form.Item name="indicator" label={ts('forIndicator')}>
          <Select options={[{ value: ALL, label: ts('allIndicators') }, ...indicators.map((i) => ({ value: i.key, label: i.name }))]} />
        </Form.Item>
        <Form.Item name="unit" label={ts('unit')} rules={[{ required: true, message: ts('required', { label: ts('unit') }) }]}>
          <Select showSearch optionFilterProp="label" options={all} />
        </Form.Item>
        {set.error ? (
          <div style={{ marginBottom: 12 }}>
            <ErrorAlert error={set.error} />
          </div>
        ) : null}
        <Space>
          <Button onClick={() => onClose(false)}>{ts('cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={set.isPending}>
            {ts('save')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}
