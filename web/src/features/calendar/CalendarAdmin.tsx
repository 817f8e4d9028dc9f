import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { NoticeLoaded } from '../../api/types.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { useCal } from '../../i18n/calendar-admin.js';
import { cityDateTime, cityDay } from '../../i18n/dates.js';
import { useI18n } from '../../i18n/index.js';
import { draftNotice, type Problem } from './notice-draft.js';
import { useCalendar, useLoadNotice } from './queries.js';

interface Values {
  year: number;
  holidays: string;
  workdays: string;
  source: string;
}

/**
 * 工作日历 (system admin): which years the working-day calendar knows, the notices loaded, and a form to load a
 * year's State Council notice as its text is written — deadlines counted provisionally on that year are counted
 * again, and the answer lists them by number (the system admin reads numbers, never titles).
 */
export default function CalendarAdmin() {
  const c = useCal();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const calendar = useCalendar();
  const load = useLoadNotice();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<NoticeLoaded | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const thisYear = Number(cityDay(new Date().toISOString()).slice(0, 4));
  const covered = new Set(calendar.data?.covered ?? []);
  // The year a clerk needs next: this one if it is somehow missing, else the next.
  const missing = [thisYear, thisYear + 1].find((y) => calendar.data && !covered.has(y)) ?? null;
  const year = Form.useWatch('year', form) ?? missing ?? thisYear + 1;
  const draft = draftNotice(year, Form.useWatch('holidays', form) ?? '', Form.useWatch('workdays', form) ?? '');
  const loadedBefore = (calendar.data?.loaded ?? []).some((n) => n.year === year);
  const problemsOf = (field: Problem['field']) => draft.problems.filter((p) => p.field === field).map((p) => c(p.key, p.values));

  if (calendar.isError) return <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} />;

  const readFile = async (f: File) => {
    try {
      const n = JSON.parse(await f.text()) as { year?: unknown; holidays?: unknown; workdays?: unknown; source?: unknown };
      const days = (v: unknown) => (Array.isArray(v) && v.every((d) => typeof d === 'string') ? v.join('\n') : null);
      const holidays = days(n.holidays);
      const workdays = days(n.workdays ?? []);
      if (typeof n.year !== 'number' || holidays === null || workdays === null) throw new Error('year, holidays, workdays');
      form.setFieldsValue({ year: n.year, holidays, workdays, source: typeof n.source === 'string' ? n.source : '' });
    } catch (e) {
      void message.error(c('badFile', { detail: (e as Error).message }));
    }
  };

  const submit = (v: Values) => {
    if (draft.problems.length > 0) return;
    const source = v.source?.trim();
    load.mutate(
      { year: v.year, holidays: [...draft.holidays], workdays: [...draft.workdays], ...(source ? { source } : {}) },
      {
        onSuccess: (r) => {
          setResult(r);
          void message.success(c(r.replaced ? 'replaced' : 'done', { year: r.year }));
        },
        onError: (e) => void message.error(errorText(e)),
      },
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {missing !== null ? <Alert type="warning" showIcon message={c('missing', { year: missing })} description={c('missingHelp', { year: missing })} /> : null}
      <Card size="small" title={c('covered')} loading={calendar.isPending}>
        <Space size={[4, 4]} wrap data-testid="covered-years">
          {(calendar.data?.covered ?? []).slice(-8).map((y) => (
            <Tag key={y}>{y}</Tag>
          ))}
        </Space>
        <Typography.Title level={2} style={{ fontSize: 15, marginTop: 16 }}>
          {c('loaded')}
        </Typography.Title>
        <Table
          size="small"
          rowKey="year"
          pagination={false}
          dataSource={calendar.data?.loaded ?? []}
          locale={{ emptyText: c('noneLoaded') }}
          columns={[
            { key: 'y', title: c('year'), dataIndex: 'year' },
            { key: 's', title: c('source'), dataIndex: 'source', render: (s: string | null) => s ?? '—' },
            { key: 'a', title: c('loadedAt'), dataIndex: 'loadedAt', render: (a: string) => cityDateTime(a, lang) },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={c('load')}
        extra={
          <>
            <input
              ref={file}
              type="file"
              accept="application/json,.json"
              hidden
              aria-label={c('fromFile')}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void readFile(f);
                e.target.value = '';
              }}
            />
            <Button onClick={() => file.current?.click()} title={c('fromFileHelp')}>
              {c('fromFile')}
            </Button>
          </>
        }
      >
        <Typography.Paragraph type="secondary">{c('loadHelp')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          name="holiday-notice"
          initialValues={{ year: missing ?? thisYear + 1, holidays: '', workdays: '', source: '' }}
          onFinish={submit}
        >
          <Form.Item name="year" label={c('year')} rules={[{ required: true }]}>
            <InputNumber min={thisYear - 1} max={2200} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="holidays"
            label={c('holidays')}
            rules={[{ required: true, whitespace: true, message: c('needHolidays') }]}
            validateStatus={problemsOf('holidays').length > 0 ? 'error' : undefined}
            help={problemsOf('holidays').join('；') || (draft.holidays.length > 0 ? c('counted', { n: draft.holidays.length }) : undefined)}
          >
            <Input.TextArea rows={5} placeholder={'1月1日\n2月6日至2月12日'} />
          </Form.Item>
          <Form.Item
            name="workdays"
            label={c('workdays')}
            validateStatus={problemsOf('workdays').length > 0 ? 'error' : undefined}
            help={problemsOf('workdays').join('；') || (draft.workdays.length > 0 ? c('counted', { n: draft.workdays.length }) : undefined)}
          >
            <Input.TextArea rows={3} placeholder={'2月5日、2月20日'} />
          </Form.Item>
          <Form.Item name="source" label={c('source')}>
            <Input maxLength={200} placeholder={c('sourcePlaceholder')} />
          </Form.Item>
          {loadedBefore ? <Alert type="info" showIcon style={{ marginBottom: 16 }} message={c('replaceWarning', { year })} /> : null}
          <Button type="primary" htmlType="submit" loading={load.isPending} disabled={draft.problems.length > 0}>
            {c('submit')}
          </Button>
        </Form>
      </Card>
      {result ? (
        <Alert
          type="success"
          showIcon
          data-testid="notice-result"
          message={c(result.replaced ? 'replaced' : 'done', { year: result.year })}
          description={
            result.moved.length === 0 ? (
              c('movedNone')
            ) : (
              <>
                {c('moved', { n: result.moved.length })}
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {result.moved.map((m) => (
                    <li key={m.itemId}>
                      {m.number}：{m.previousDeadline} → {m.deadline}
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        />
      ) : null}
    </Space>
  );
}
