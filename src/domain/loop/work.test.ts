import { describe, expect, it } from 'vitest';
import { given } from './spec/decider.js';
import { A, at, cmd, createCommand, STORY, type Step } from './spec/fixtures.js';

const report = (over: Record<string, unknown> = {}) => cmd('ReportProgress', { text: '已完成全市排查', percent: 40, evidence: ['file:a', 'file:b'], ...over });
const ask = (over: Record<string, unknown> = {}) => cmd('RequestExtension', { deadline: '2026-04-15', reason: '涉及跨部门协调', ...over });
const withPending: Step[] = [...STORY.inProgress, { who: A.handlerAjj, command: ask(), now: at(5) }];

describe('ReportProgress (进展反馈)', () => {
  it('records text, percent and evidence from the lead unit', () => {
    const item = given(STORY.inProgress)
      .when(A.handlerAjj, report(), { now: at(3) })
      .then([{ type: 'ProgressReported', version: 4 }]);
    expect(item).toMatchObject({ status: 'in_progress', progress: 40, progressNote: '已完成全市排查', lastReportAt: at(3), evidence: ['file:a', 'file:b'] });
    expect(item.counters.reports).toBe(1);
  });

  it('lets progress go down when the unit corrects itself, and keeps evidence without repeats', () => {
    const steps: Step[] = [...STORY.inProgress, { who: A.handlerAjj, command: report({ percent: 60 }) }];
    const item = given(steps)
      .when(A.handlerAjj, report({ percent: 30, evidence: ['file:b', 'file:c'] }))
      .then([{ type: 'ProgressReported' }]);
    expect(item.progress).toBe(30);
    expect(item.evidence).toEqual(['file:a', 'file:b', 'file:c']);
  });

  it.each([
    ['before acceptance', STORY.assigned, A.handlerAjj, {}, 'invalid_transition'],
    ['by a co-unit', STORY.inProgress, A.handlerSthj, {}, 'forbidden'],
    ['by a supervisor', STORY.inProgress, A.supDcs, {}, 'forbidden'],
    ['above 100 percent', STORY.inProgress, A.handlerAjj, { percent: 120 }, 'validation_failed'],
    ['without text', STORY.inProgress, A.handlerAjj, { text: ' ' }, 'validation_failed'],
  ] as const)('is refused %s', (_name, story, who, over, code) => {
    given(story).when(who, report(over)).thenRefused(code);
  });
});

describe('ReportAsCoUnit (配合单位反馈)', () => {
  it("records a co-unit's report without changing the state or the progress", () => {
    const item = given(STORY.inProgress)
      .when(A.handlerSthj, cmd('ReportAsCoUnit', { text: '已配合完成水质监测', evidence: ['file:w'], contact: '赵工' }))
      .then([{ type: 'CoUnitReported', data: { unitId: 'city-sthj', text: '已配合完成水质监测', evidence: ['file:w'], contact: '赵工' } }]);
    expect(item).toMatchObject({ status: 'in_progress', progress: 0, contacts: { 'city-sthj': '赵工' }, evidence: ['file:w'] });
  });

  it.each([
    ['the lead unit', STORY.inProgress, A.handlerAjj, 'forbidden'],
    ['a unit not involved', STORY.inProgress, A.handlerWestAjj, 'forbidden'],
    ['a closing item', STORY.closing, A.handlerSthj, 'invalid_transition'],
  ] as const)('is refused for %s', (_name, story, who, code) => {
    given(story)
      .when(who, cmd('ReportAsCoUnit', { text: '配合情况' }))
      .thenRefused(code);
  });
});

describe('RequestExtension (延期申请)', () => {
  it('files a request before the deadline; nothing moves until it is decided', () => {
    const item = given(STORY.inProgress)
      .when(A.handlerAjj, ask(), { now: at(5) })
      .then([{ type: 'ExtensionRequested', data: { deadline: '2026-04-15', reason: '涉及跨部门协调' } }]);
    expect(item.pendingExtension).toEqual({ requestedDeadline: '2026-04-15', reason: '涉及跨部门协调', requestedAt: at(5), requestedBy: 'h-ajj' });
    expect(item.currentDeadline).toBe('2026-03-31');
  });

  it('is still allowed at 23:59 on the deadline day in Shanghai, and refused a minute later', () => {
    given(STORY.inProgress)
      .when(A.handlerAjj, ask(), { now: '2026-03-31T15:59:00.000Z' })
      .then([{ type: 'ExtensionRequested' }]);
    given(STORY.inProgress).when(A.handlerAjj, ask(), { now: '2026-03-31T16:00:00.000Z' }).thenRefused('deadline_passed');
  });

  it.each([
    ['while another waits', withPending, A.handlerAjj, {}, 'extension_pending'],
    ['without a reason', STORY.inProgress, A.handlerAjj, { reason: '' }, 'reason_required'],
    ['for a date not after the deadline', STORY.inProgress, A.handlerAjj, { deadline: '2026-03-31' }, 'validation_failed'],
    ['by a supervisor', STORY.inProgress, A.supDcs, {}, 'forbidden'],
    ['by a co-unit', STORY.inProgress, A.handlerSthj, {}, 'forbidden'],
    ['before acceptance', STORY.assigned, A.handlerAjj, {}, 'invalid_transition'],
  ] as const)('is refused %s', (_name, story, who, over, code) => {
    given(story)
      .when(who, ask(over), { now: at(6) })
      .thenRefused(code);
  });

  it('is refused for an ongoing item without a deadline', () => {
    const ongoing: Step[] = [
      { who: A.supDcs, command: createCommand() },
      { who: A.supDcs, command: cmd('AssignItem', { leadUnitId: 'city-ajj', cadence: 'weekly' }) },
      { who: A.handlerAjj, command: cmd('AcceptItem') },
    ];
    given(ongoing).when(A.handlerAjj, ask()).thenRefused('validation_failed');
  });
});

describe('ApproveExtension / DenyExtension', () => {
  it('approval moves the current deadline and keeps the original for scoring', () => {
    const item = given(withPending)
      .when(A.supDcs, cmd('ApproveExtension', { note: '同意' }), { now: at(6) })
      .then([{ type: 'ExtensionApproved', data: { deadline: '2026-04-15', previousDeadline: '2026-03-31', requestedDeadline: '2026-04-15', note: '同意' } }]);
    expect(item).toMatchObject({ originalDeadline: '2026-03-31', currentDeadline: '2026-04-15', pendingExtension: null });
    expect(item.counters.extensionsGranted).toBe(1);
  });

  it('the supervisor may grant another later date than the one asked', () => {
    const item = given(withPending)
      .when(A.supDcs, cmd('ApproveExtension', { deadline: '2026-04-10' }), { now: at(6) })
      .then([{ type: 'ExtensionApproved' }]);
    expect(item.currentDeadline).toBe('2026-04-10');
  });

  it('may approve after the old deadline, but not a date that has itself passed', () => {
    given(withPending)
      .when(A.supDcs, cmd('ApproveExtension'), { now: at(35) })
      .then([{ type: 'ExtensionApproved' }]);
    given(withPending)
      .when(A.supDcs, cmd('ApproveExtension'), { now: at(50) })
      .thenRefused('deadline_in_past');
  });

  it('denial keeps the deadline and clears the request', () => {
    const item = given(withPending)
      .when(A.supDcs, cmd('DenyExtension', { reason: '时限不能调整' }))
      .then([{ type: 'ExtensionDenied', data: { reason: '时限不能调整', requestedDeadline: '2026-04-15' } }]);
    expect(item).toMatchObject({ currentDeadline: '2026-03-31', pendingExtension: null });
    expect(item.counters.extensionsDenied).toBe(1);
  });

  it.each([
    ['approve without a request', STORY.inProgress, A.supDcs, cmd('ApproveExtension'), 'no_pending_extension'],
    ['deny without a request', STORY.inProgress, A.supDcs, cmd('DenyExtension', { reason: '否' }), 'no_pending_extension'],
    ['approve by the handler', withPending, A.handlerAjj, cmd('ApproveExtension'), 'forbidden'],
    ['approve by another area', withPending, A.supEast, cmd('ApproveExtension'), 'forbidden'],
    ['approve a date not after the deadline', withPending, A.supDcs, cmd('ApproveExtension', { deadline: '2026-03-20' }), 'validation_failed'],
    ['deny without a reason', withPending, A.supDcs, cmd('DenyExtension', { reason: '  ' }), 'reason_required'],
    ['approve on a closed item', STORY.closed, A.supDcs, cmd('ApproveExtension'), 'invalid_transition'],
  ] as const)('refuses to %s', (_name, story, who, command, code) => {
    given(story)
      .when(who, command, { now: at(6) })
      .thenRefused(code);
  });
});
