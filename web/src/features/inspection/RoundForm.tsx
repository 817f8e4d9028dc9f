import { Alert, Button, Card, Input, InputNumber, Radio, Select, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useInspectionText } from '../../i18n/inspection.js';
import { useRecordRound, useRound, useUploadPhoto, type InspectionPhoto, type RoundRecorded, type RoundResults } from './queries.js';

type Result = 'pass' | 'fail' | 'na';
const RESULTS: readonly Result[] = ['pass', 'fail', 'na'];
const FIVE = ['responsibility', 'measures', 'funds', 'timeLimit', 'contingencyPlan'] as const;

interface LineState {
  result?: Result;
  note: string;
  photos: InspectionPhoto[];
  level: 'general' | 'major';
  five: Partial<Record<(typeof FIVE)[number], string | number>>;
}

const blank = (): LineState => ({ note: '', photos: [], level: 'general', five: {} });

/**
 * The record form of one round: every checklist line 合格 / 不合格 / 不适用 with a note and photos; a failed line
 * asks the hazard's level and, for a 重大 one, its five 落实. The server checks it all again.
 */
export function RoundForm({ roundId, onDone }: { roundId: string; onDone: (r: RoundRecorded) => void }) {
  const ins = useInspectionText();
  const round = useRound(roundId);
  const upload = useUploadPhoto(roundId);
  const record = useRecordRound(roundId);
  const [lines, setLines] = useState<Record<string, LineState>>({});
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (round.isPending) return <PageLoading />;
  if (round.isError) return <ErrorAlert error={round.error} onRetry={() => void round.refetch()} />;
  const { checklist } = round.data;
  const line = (key: string): LineState => lines[key] ?? blank();
  const set = (key: string, patch: Partial<LineState>) => setLines((all) => ({ ...all, [key]: { ...(all[key] ?? blank()), ...patch } }));

  const submit = () => {
    const missing = checklist.find((c) => line(c.key).result === undefined);
    if (missing) return setProblem(ins('missing'));
    const undescribed = checklist.find((c) => line(c.key).result === 'fail' && line(c.key).note.trim() === '');
    if (undescribed) return setProblem(ins('noteMissing', { line: undescribed.label }));
    setProblem(null);
    const body: RoundResults = {
      lines: checklist.map((c) => {
        const l = line(c.key);
        const five = Object.fromEntries(Object.entries(l.five).filter(([, v]) => v !== '' && v !== undefined));
        return {
          key: c.key,
          result: l.result!,
          ...(l.note.trim() !== '' && { note: l.note.trim() }),
          photos: l.photos.map((p) => p.id),
          ...(l.result === 'fail' && { hazard: { level: l.level, ...(l.level === 'major' ? five : {}) } }),
        };
      }),
      ...(note.trim() !== '' && { note: note.trim() }),
    };
    record.mutate(body, { onSuccess: onDone });
  };

  return (
    <Card title={ins('form.title', { place: round.data.round.place.name })} extra={ins('dueOn', { date: round.data.round.dueOn })}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {checklist.map((c) => {
          const l = line(c.key);
          return (
            <Card key={c.key} size="small" data-testid={`line-${c.key}`} title={c.label}>
              <Space direction="vertical" style={{ width: '100%' }}>
                <Radio.Group aria-label={c.label} value={l.result} onChange={(e) => set(c.key, { result: e.target.value as Result })} optionType="button" buttonStyle="solid">
                  {RESULTS.map((r) => (
                    <Radio.Button key={r} value={r}>
                      {ins(`result.${r}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
                <Input.TextArea
                  aria-label={`${c.label} ${ins('note')}`}
                  placeholder={ins('notePlaceholder')}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={2000}
                  value={l.note}
                  onChange={(e) => set(c.key, { note: e.target.value })}
                />
                <Space wrap>
                  <Upload
                    accept="image/*"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      upload.mutate(file, {
                        onSuccess: (p) => setLines((all) => ({ ...all, [c.key]: { ...(all[c.key] ?? blank()), photos: [...(all[c.key] ?? blank()).photos, p] } })),
                      });
                      return false;
                    }}
                  >
                    <Button loading={upload.isPending}>{ins('photo')}</Button>
                  </Upload>
                  {l.photos.length > 0 ? <Typography.Text type="secondary">{ins('photos', { n: l.photos.length })}</Typography.Text> : null}
                </Space>
                {l.result === 'fail' ? (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Select
                      aria-label={ins('level')}
                      value={l.level}
                      style={{ width: 200 }}
                      onChange={(level) => set(c.key, { level })}
                      options={[
                        { value: 'general', label: ins('level.general') },
                        { value: 'major', label: ins('level.major') },
                      ]}
                    />
                    {l.level === 'major'
                      ? FIVE.map((f) =>
                          f === 'funds' ? (
                            <InputNumber
                              key={f}
                              min={0}
                              style={{ width: 240 }}
                              aria-label={ins('five.funds')}
                              placeholder={ins('five.funds')}
                              onChange={(v) => set(c.key, { five: { ...l.five, funds: v ?? '' } })}
                            />
                          ) : (
                            <Input
                              key={f}
                              type={f === 'timeLimit' ? 'date' : 'text'}
                              aria-label={ins(`five.${f}`)}
                              placeholder={ins(`five.${f}`)}
                              onChange={(e) => set(c.key, { five: { ...l.five, [f]: e.target.value } })}
                            />
                          ),
                        )
                      : null}
                  </Space>
                ) : null}
              </Space>
            </Card>
          );
        })}
        <Input.TextArea aria-label={ins('roundNote')} placeholder={ins('roundNote')} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        {problem ? <Alert type="warning" showIcon role="alert" message={problem} /> : null}
        {upload.isError ? <ErrorAlert error={upload.error} /> : null}
        {record.isError ? <ErrorAlert error={record.error} /> : null}
        <Button type="primary" loading={record.isPending} onClick={submit}>
          {ins('submit')}
        </Button>
      </Space>
    </Card>
  );
}

/** What a record answered: "no hazard found", or the hazards it opened, each a link to its item. */
export function RecordedNotice({ recorded }: { recorded: RoundRecorded }) {
  const ins = useInspectionText();
  if (recorded.hazards.length === 0) return <Alert type="success" showIcon role="status" message={ins('done')} />;
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      message={ins('doneHazards', { n: recorded.hazards.length })}
      description={
        <Space direction="vertical">
          {recorded.hazards.map((h) => (
            <Link key={h.id} to={`/items/${encodeURIComponent(h.id)}`}>
              {h.number} {h.title}
            </Link>
          ))}
        </Space>
      }
    />
  );
}
