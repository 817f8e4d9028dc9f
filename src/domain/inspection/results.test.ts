import { describe, expect, it } from 'vitest';
import { failedLines, hazardDraft, validateResults } from './results.js';
import { inspectionCoverage } from './coverage.js';
import type { ChecklistLine } from './plan.js';

const checklist: ChecklistLine[] = [
  { key: 'fire_exit', label: '消防通道', category: 'fire' },
  { key: 'gas_pipe', label: '燃气管道', category: 'equipment' },
  { key: 'wiring', label: '电气线路', category: 'electrical' },
];

describe('inspection results', () => {
  it('records a round with nothing wrong, in checklist order', () => {
    const r = validateResults(checklist, {
      lines: [
        { key: 'wiring', result: 'na' },
        { key: 'fire_exit', result: 'pass', photos: ['p1'] },
        { key: 'gas_pipe', result: 'pass' },
      ],
    });
    expect(r.lines.map((l) => [l.key, l.result])).toEqual([
      ['fire_exit', 'pass'],
      ['gas_pipe', 'pass'],
      ['wiring', 'na'],
    ]);
    expect(failedLines(r)).toEqual([]);
  });

  it('refuses a missing line, an unknown line, a line twice, or a failed line without a note', () => {
    const lines = (over: object[]) => ({ lines: over });
    expect(() =>
      validateResults(
        checklist,
        lines([
          { key: 'fire_exit', result: 'pass' },
          { key: 'gas_pipe', result: 'pass' },
        ]),
      ),
    ).toThrow(/电气线路|wiring/);
    expect(() => validateResults(checklist, lines([{ key: 'roof', result: 'pass' }]))).toThrow(/roof/);
    expect(() =>
      validateResults(
        checklist,
        lines([
          { key: 'fire_exit', result: 'pass' },
          { key: 'fire_exit', result: 'fail', note: 'x' },
          { key: 'gas_pipe', result: 'pass' },
          { key: 'wiring', result: 'pass' },
        ]),
      ),
    ).toThrow(/twice/);
    expect(() =>
      validateResults(
        checklist,
        lines([
          { key: 'fire_exit', result: 'fail' },
          { key: 'gas_pipe', result: 'pass' },
          { key: 'wiring', result: 'pass' },
        ]),
      ),
    ).toThrow(/note/);
    expect(() =>
      validateResults(
        checklist,
        lines([
          { key: 'fire_exit', result: 'pass', hazard: { level: 'major' } },
          { key: 'gas_pipe', result: 'pass' },
          { key: 'wiring', result: 'pass' },
        ]),
      ),
    ).toThrow(/failed line only/);
    expect(() => validateResults(checklist, lines([{ key: 'fire_exit', result: 'ok' }]))).toThrow(/result/);
  });

  it('pre-fills the hazard of a failed line from the round', () => {
    const r = validateResults(checklist, {
      lines: [
        {
          key: 'fire_exit',
          result: 'fail',
          note: '消防通道被杂物堵塞',
          hazard: { level: 'major', responsibility: '市场管理方', measures: '清理杂物', funds: 0, timeLimit: '2026-03-10', contingencyPlan: '专人值守' },
        },
        { key: 'gas_pipe', result: 'pass' },
        { key: 'wiring', result: 'pass' },
      ],
    });
    const [line] = failedLines(r);
    const draft = hazardDraft(line!, { place: { name: '和平菜市场', address: '和平路1号' }, cadence: 'weekly', category: 'fire' }, '2026-03-02', '街道承办人', ['e1']);
    expect(draft).toEqual({
      title: '和平菜市场：消防通道',
      content: '消防通道被杂物堵塞',
      fields: {
        inspectionDate: '2026-03-02',
        inspectionType: 'routine',
        inspectors: '街道承办人',
        place: '和平菜市场（和平路1号）',
        category: 'fire',
        level: 'major',
        responsibility: '市场管理方',
        measures: '清理杂物',
        funds: 0,
        timeLimit: '2026-03-10',
        contingencyPlan: '专人值守',
        photosBefore: ['e1'],
      },
    });
  });
});

describe('inspection coverage', () => {
  it('counts rounds recorded on time against rounds due, and hazards per recorded round', () => {
    const c = inspectionCoverage(
      [
        { roundId: 'a', dueOn: '2026-03-06', recordedOn: '2026-03-05', failed: 2 },
        { roundId: 'b', dueOn: '2026-03-06', recordedOn: '2026-03-09', failed: 0 },
        { roundId: 'c', dueOn: '2026-03-06', recordedOn: null, failed: null },
        // Due today and not recorded yet: not counted until the day has passed.
        { roundId: 'd', dueOn: '2026-03-10', recordedOn: null, failed: null },
        // Recorded before it is due: counted, and on time.
        { roundId: 'e', dueOn: '2026-03-13', recordedOn: '2026-03-10', failed: 1 },
      ],
      '2026-03-10',
    );
    expect(c).toEqual({ due: 4, recorded: 3, onTime: 2, late: 1, missed: ['c'], coverageRate: 0.5, hazards: 3, hazardsPerRound: 1 });
    expect(inspectionCoverage([], '2026-03-10')).toMatchObject({ due: 0, coverageRate: null, hazardsPerRound: null });
  });
});
