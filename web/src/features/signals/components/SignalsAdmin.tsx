import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Unit } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useSignalsAdminText, type SignalsAdminKey } from '../../../i18n/signals-admin.js';
import { controlSummary } from '../control-fields.js';
import { useSwitchIndicator, type IndicatorView } from '../mutations.js';
import type { ResponsibleList } from '../queries.js';
import { CountUploadDialog } from './CountUploadDialog.js';
import { IndicatorDialog } from './IndicatorDialog.js';
import { ResponsibleDialog } from './ResponsibleDialog.js';

type Responsible = ResponsibleList['responsibles'][number];
type Dialog =
  { kind: 'indicator'; indicator: IndicatorView | null } | { kind: 'responsible'; initial?: { region: string; indicator: string | null; unit: string } } | { kind: 'upload' };

/**
 * 指标管理 on the 监测预警 page: the indicators with their algorithm, parameters and state (add, edit, switch
 * off or on), the units answering for each region's alarms, and the count upload. Writing is the supervisors'
 * (`canWrite`); the server decides and refuses anyone else.
 */
export function SignalsAdmin({
  indicators,
  responsibles,
  units,
  canWrite,
}: {
  indicators: readonly IndicatorView[];
  responsibles: readonly Responsible[];
  units: readonly Unit[];
  canWrite: boolean;
}) {
  const ts = useSignalsAdminText();
  const { message } = App.useApp();
  const switcher = useSwitchIndicator();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const nameOf = new Map(indicators.map((i) => [i.key, i.name]));
  const toggle = async (i: IndicatorView) => {
    const on = i.disabledAt !== null;
    await switcher.mutateAsync({ key: i.key, enabled: on });
    void message.success(ts(on ? 'switchedOn' : 'switchedOff', { name: i.name }));
  };
  return (
    <Card
      size="small"
      title={ts('manage')}
      extra={
        canWrite ? (
          <Space wrap>
            <Button onClick={() => setDialog({ kind: 'upload' })}>{ts('upload')}</Button>
            <Button type="primary" onClick={() => setDialog({ kind: 'indicator', indicator: null })}>
              {ts('add')}
            </Button>
          </Space>
        ) : null
      }
    >
      {canWrite ? null : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {ts('supervisorsOnly')}
        </Typography.Paragraph>
      )}
      {switcher.error ? <ErrorAlert error={switcher.error} /> : null}
      <Table<IndicatorView>
        size="small"
        rowKey="key"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={[...indicators]}
        columns={[
          {
            key: 'n',
            title: ts('name'),
            // The key stays off screen (no codes in the page); count files may name the indicator by its name.
            render: (_, i) => <span title={i.key}>{i.name}</span>,
          },
          { key: 'a', title: ts('algorithm'), render: (_, i) => ts(`algorithm.${i.algorithm}` as SignalsAdminKey) },
          { key: 'f', title: ts('frequency'), render: (_, i) => ts(`frequency.${i.frequency}`) },
          { key: 'p', title: ts('parameters'), render: (_, i) => <Typography.Text code>{controlSummary(i.control) || '—'}</Typography.Text> },
          { key: 's', title: ts('state'), render: (_, i) => (i.disabledAt === null ? <Tag color="green">{ts('active')}</Tag> : <Tag>{ts('disabled')}</Tag>) },
          ...(canWrite
            ? [
                {
                  key: 'x',
                  title: '',
                  render: (_: unknown, i: IndicatorView) => (
                    <Space>
                      <Button size="small" onClick={() => setDialog({ kind: 'indicator', indicator: i })}>
                        {ts('edit')}
                      </Button>
                      {i.disabledAt === null ? (
                        <Popconfirm
                          title={ts('disableConfirm', { name: i.name })}
                          okText={ts('disable')}
                          cancelText={ts('cancel')}
                          onConfirm={() => toggle(i).catch(() => undefined)}
                        >
                          <Button size="small" danger>
                            {ts('disable')}
                          </Button>
                        </Popconfirm>
                      ) : (
                        <Button size="small" onClick={() => void toggle(i).catch(() => undefined)}>
                          {ts('enable')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space style={{ marginTop: 16, marginBottom: 8, justifyContent: 'space-between', width: '100%' }} wrap>
        <div>
          <Typography.Text strong>{ts('responsibles')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{ts('responsiblesIntro')}</Typography.Text>
        </div>
        {canWrite ? <Button onClick={() => setDialog({ kind: 'responsible' })}>{ts('setResponsible')}</Button> : null}
      </Space>
      <Table<Responsible>
        size="small"
        rowKey={(r) => `${r.regionUnitId}-${r.indicator ?? '*'}`}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        dataSource={[...responsibles]}
        columns={[
          { key: 'r', title: ts('region'), render: (_, r) => r.regionName ?? r.regionUnitId },
          { key: 'i', title: ts('forIndicator'), render: (_, r) => (r.indicator === null ? ts('allIndicators') : (nameOf.get(r.indicator) ?? r.indicator)) },
          { key: 'u', title: ts('unit'), render: (_, r) => r.unitName ?? r.unitId },
          ...(canWrite
            ? [
                {
                  key: 'x',
                  title: '',
                  render: (_: unknown, r: Responsible) => (
                    <Button size="small" onClick={() => setDialog({ kind: 'responsible', initial: { region: r.regionUnitId, indicator: r.indicator, unit: r.unitId } })}>
                      {ts('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'indicator' ? (
        <IndicatorDialog
          indicator={dialog.indicator}
          onClose={(saved) => {
            setDialog(null);
            if (saved) void message.success(ts('saved', { name: saved }));
          }}
        />
      ) : null}
      {dialog?.kind === 'responsible' ? <ResponsibleDialog units={units} indicators={indicators} initial={dialog.initial} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'upload' ? <CountUploadDialog onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}
