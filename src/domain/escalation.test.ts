import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dueEscalation, dueReportUrge, type EscalationTaken } from './escalation.js';
import { makeItem } from './testing/items.js';
import { DEFAULT_WARNING_RULES } from './warning-rules.js';

// deadline Tue 2026-03-31; 清明 2026 closes 04-04 … 04-06
const item = makeItem({ currentDeadline: '2026-03-31' });
const at = (localDate: string, hour = 10): string => new Date(Date.parse(`${localDate}T00:00:00Z`) + (hour - 8) * 3_600_000).toISOString();

describe(dueEscalation.name, () => {
  it('is silent up to the end of the deadline day, then 催办 is due the day after expiry', () => {
    expect(dueEscalation(item, '2026-03-31T15:59:59.999Z', [])).toBeNull();
    expect(dueEscalation(item, '2026-03-31T16:00:00.000Z', [])).toEqual({ kind: 'urge', index: 0, dueFrom: '2026-04-01', calendarApproximate: false });
  });

  it('asks for the 督办函 five working days after the 催办, skipping 清明', () => {
    const urged: EscalationTaken[] = [{ kind: 'urge', at: at('2026-04-01') }];
    expect(dueEscalation(item, at('2026-04-08'), urged)).toBeNull();
    expect(dueEscalation(item, at('2026-04-09', 0), urged)).toMatchObject({ kind: 'supervision_letter', dueFrom: '2026-04-09' });
  });

  it('waits five working days after a late 催办 before the 督办函', () => {
    const lateUrge: EscalationTaken[] = [{ kind: 'urge', at: at('2026-04-07') }];
    expect(dueEscalation(item, at('2026-04-13'), lateUrge)).toBeNull();
    expect(dueEscalation(item, at('2026-04-14'), lateUrge)).toMatchObject({ kind: 'supervision_letter', dueFrom: '2026-04-14' });
  });

  it('reaches 通报 after the 督办函 and then stops', () => {
    const steps: EscalationTaken[] = [
      { kind: 'urge', at: at('2026-04-01') },
      { kind: 'supervision_letter', at: at('2026-04-09') },
    ];
    // 10 working days after 03-31: 04-15; 5 working days after the letter: 04-16
    expect(dueEscalation(item, at('2026-04-15'), steps)).toBeNull();
    expect(dueEscalation(item, at('2026-04-16'), steps)).toMatchObject({ kind: 'bulletin', index: 2, dueFrom: '2026-04-16' });
    expect(dueEscalation(item, at('2026-06-01'), [...steps, { kind: 'bulletin', at: at('2026-04-16') }])).toBeNull();
  });

  it('ignores a reminder sent before the deadline expired', () => {
    expect(dueEscalation(item, at('2026-04-01'), [{ kind: 'urge', at: at('2026-03-30') }])).toMatchObject({ kind: 'urge' });
  });

  it('starts the ladder again after an extension moves the deadline', () => {
    const extended = makeItem({ originalDeadline: '2026-03-31', currentDeadline: '2026-04-30' });
    const urged: EscalationTaken[] = [{ kind: 'urge', at: at('2026-04-01') }];
    expect(dueEscalation(extended, at('2026-04-20'), urged)).toBeNull();
    expect(dueEscalation(extended, at('2026-05-06'), urged)).toMatchObject({ kind: 'urge', dueFrom: '2026-05-01' });
  });

  it.each(['draft', 'closing', 'closed', 'cancelled'] as const)('does not escalate %s items', (status) => {
    expect(dueEscalation(makeItem({ status, currentDeadline: '2026-03-31' }), at('2026-06-01'), [])).toBeNull();
  });

  it('escalates an assigned item nobody accepted', () => {
    expect(dueEscalation(makeItem({ status: 'assigned', acceptedAt: null }), at('2026-04-01'), [])).toMatchObject({ kind: 'urge' });
  });

  it('flags a due day counted across a year the calendar does not cover', () => {
    const late = makeItem({ currentDeadline: '2026-12-30' });
    const urged: EscalationTaken[] = [{ kind: 'urge', at: at('2026-12-31') }];
    expect(dueEscalation(late, at('2027-01-08'), urged)).toMatchObject({ kind: 'supervision_letter', calendarApproximate: true });
  });

  it('never offers again a step it just offered once that step is recorded', () => {
    const day = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(fc.array(day, { maxLength: 4 }), day, (stepDays, nowDay) => {
        const base = Date.parse('2026-04-01T02:00:00Z');
        const now = new Date(base + nowDay * 86_400_000).toISOString();
        const taken: EscalationTaken[] = [];
        for (const d of [...stepDays].sort((a, b) => a - b)) {
          const due = dueEscalation(item, new Date(base + d * 86_400_000).toISOString(), taken, DEFAULT_WARNING_RULES);
          if (due) taken.push({ kind: due.kind, at: new Date(base + d * 86_400_000).toISOString() });
        }
        const next = dueEscalation(item, now, taken);
        if (next) expect(next.index).toBeGreaterThanOrEqual(taken.length);
      }),
    );
  });
});

describe(dueReportUrge.name, () => {
  // A weekly report last made Monday 2 March: due Monday 9 March; 催办 from the second working day after it.
  const weekly = makeItem({ status: 'in_progress', currentDeadline: null, cadence: 'weekly', lastReportAt: at('2026-03-02') });

  it('urges a report two working days late, once, and again when the next report lapses', () => {
    expect(dueReportUrge(weekly, at('2026-03-10'), [])).toBeNull();
    expect(dueReportUrge(weekly, at('2026-03-11'), [])).toEqual({ dueOn: '2026-03-09', urgeFrom: '2026-03-11' });
    expect(dueReportUrge(weekly, at('2026-03-12'), [{ kind: 'urge', at: at('2026-03-11') }])).toBeNull();
    // A 催办 before the report fell due does not count for this lapse.
    expect(dueReportUrge(weekly, at('2026-03-12'), [{ kind: 'urge', at: at('2026-03-06') }])).not.toBeNull();
    const reported = { ...weekly, lastReportAt: at('2026-03-12') };
    expect(dueReportUrge(reported, at('2026-03-13'), [{ kind: 'urge', at: at('2026-03-11') }])).toBeNull();
    expect(dueReportUrge(reported, at('2026-03-23'), [{ kind: 'urge', at: at('2026-03-11') }])).toMatchObject({ dueOn: '2026-03-19' });
  });

  it('leaves alone items without a cadence, not in progress, or under rules without the lapse', () => {
    expect(dueReportUrge(makeItem({ status: 'in_progress', cadence: null }), at('2026-06-01'), [])).toBeNull();
    expect(dueReportUrge({ ...weekly, status: 'closing' }, at('2026-06-01'), [])).toBeNull();
    const { reportLapse: _lapse, ...noLapse } = DEFAULT_WARNING_RULES;
    expect(dueReportUrge(weekly, at('2026-06-01'), [], noLapse)).toBeNull();
  });
});
