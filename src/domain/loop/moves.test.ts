import { describe, expect, it } from 'vitest';
import { given } from './spec/decider.js';
import { A, actor, at, cmd, createCommand, STORY, type Step } from './spec/fixtures.js';

const transfer = (over: Record<string, unknown> = {}) => cmd('TransferItem', { leadUnitId: 'city-sthj', reason: '职能调整,改由生态环境局牵头', ...over });

describe('TransferItem (转办/改派)', () => {
  it('moves in-progress work to another lead unit, which must accept it; the deadline is kept and the original lead remembered', () => {
    const item = given(STORY.inProgress)
      .when(A.supDcs, transfer(), { now: at(3) })
      .then([
        {
          type: 'ItemMoved',
          data: { kind: 'transfer', fromUnitId: 'city-ajj', leadUnitId: 'city-sthj', coUnitIds: [], deadline: '2026-03-31', previousDeadline: '2026-03-31', deadlineReset: false },
        },
      ]);
    expect(item).toMatchObject({
      status: 'assigned',
      leadUnitId: 'city-sthj',
      coUnitIds: [],
      acceptedAt: null,
      originalLeadUnitId: 'city-ajj',
      moves: { transfers: 1, escalations: 0 },
    });
  });

  it('resets the deadline when given, and says so', () => {
    const item = given(STORY.assigned)
      .when(A.supDcs, transfer({ deadline: '2026-04-30', coUnitIds: ['city-ajj'] }))
      .then([{ type: 'ItemMoved', data: { deadlineReset: true, deadline: '2026-04-30' } }]);
    expect(item).toMatchObject({ currentDeadline: '2026-04-30', originalDeadline: '2026-04-30', coUnitIds: ['city-ajj'] });
  });

  it.each([
    ['without a reason', STORY.inProgress, A.supDcs, { reason: ' ' }, 'reason_required'],
    ['by a handler', STORY.inProgress, A.handlerAjj, {}, 'forbidden'],
    ['by a district supervisor on a city item', STORY.inProgress, A.supEast, {}, 'forbidden'],
    ['on a draft', STORY.draft, A.supDcs, {}, 'invalid_transition'],
    ['while closing', STORY.closing, A.supDcs, {}, 'invalid_transition'],
    ['to the same unit', STORY.inProgress, A.supDcs, { leadUnitId: 'city-ajj' }, 'validation_failed'],
    ['with a past deadline', STORY.inProgress, A.supDcs, { deadline: '2026-01-01' }, 'deadline_in_past'],
  ] as const)('is refused %s', (_name, story, who, over, code) => {
    given(story).when(who, transfer(over)).thenRefused(code);
  });
});

/** A dispute run by 东区督查室, led by 东湖社区 and accepted there. */
const community = actor('h-east-c1', 'east-c1', 'handler');
const street = actor('h-east-s1', 'east-s1', 'handler');
const DISPUTE: Step[] = [
  { who: A.supEast, command: createCommand('dispute', { ownerUnitId: 'east-dcs' }) },
  { who: A.supEast, command: cmd('AssignItem', { leadUnitId: 'east-c1', deadline: '2026-03-31' }) },
  { who: community, command: cmd('AcceptItem', {}), now: at(1) },
];

describe('EscalateItem (提级)', () => {
  it('hands a community dispute up to its street, which receives it to accept', () => {
    const item = given(DISPUTE, 'dispute')
      .when(community, cmd('EscalateItem', { reason: '涉及多个社区,需街道协调' }), { now: at(2) })
      .then([{ type: 'ItemMoved', data: { kind: 'escalation', fromUnitId: 'east-c1', leadUnitId: 'east-s1', deadlineReset: false } }]);
    expect(item).toMatchObject({ status: 'assigned', leadUnitId: 'east-s1', moves: { transfers: 0, escalations: 1 } });
    const accepted = given([...DISPUTE, { who: community, command: cmd('EscalateItem', { reason: '需街道协调' }), now: at(2) }], 'dispute')
      .when(street, cmd('AcceptItem', {}))
      .then([{ type: 'ItemAccepted' }]);
    expect(accepted.originalLeadUnitId).toBe('east-c1');
  });

  it('goes to a named unit above, never sideways or outside the area', () => {
    given(DISPUTE, 'dispute')
      .when(community, cmd('EscalateItem', { toUnitId: 'east', reason: '重大纠纷' }))
      .then([{ type: 'ItemMoved', data: { leadUnitId: 'east' } }]);
    given(DISPUTE, 'dispute')
      .when(community, cmd('EscalateItem', { toUnitId: 'east-ajj', reason: '转部门' }))
      .thenRefused('validation_failed');
    given(DISPUTE, 'dispute')
      .when(community, cmd('EscalateItem', { toUnitId: 'city', reason: '直报市里' }))
      .thenRefused('forbidden');
  });

  it('is for disputes, appeals and hazards, by the lead unit, with a reason', () => {
    given(STORY.inProgress)
      .when(A.handlerAjj, cmd('EscalateItem', { reason: '上交' }))
      .thenRefused('forbidden');
    given(DISPUTE, 'dispute')
      .when(street, cmd('EscalateItem', { reason: '上交' }))
      .thenRefused('forbidden');
    given(DISPUTE, 'dispute')
      .when(community, cmd('EscalateItem', { reason: ' ' }))
      .thenRefused('reason_required');
  });
});

describe('RequestReturn → DecideReturn (签收后退回, with the supervisor’s consent)', () => {
  const asked: Step[] = [...STORY.inProgress, { who: A.handlerAjj, command: cmd('RequestReturn', { reason: '不属于本单位职责' }), now: at(2) }];

  it('waits for the supervisor, who approves: the item becomes a draft to assign again', () => {
    const pending = given(STORY.inProgress)
      .when(A.handlerAjj, cmd('RequestReturn', { reason: '不属于本单位职责' }), { now: at(2) })
      .then([{ type: 'ReturnRequested' }]);
    expect(pending).toMatchObject({ status: 'in_progress', pendingReturn: { reason: '不属于本单位职责', fromUnitId: 'city-ajj' } });
    const back = given(asked)
      .when(A.supDcs, cmd('DecideReturn', { approve: true }))
      .then([{ type: 'ReturnApproved', data: { fromUnitId: 'city-ajj' } }]);
    expect(back).toMatchObject({ status: 'draft', leadUnitId: null, pendingReturn: null, acceptedAt: null });
    expect(back.counters.returns).toBe(1);
  });

  it('is denied with a reason, and the work goes on', () => {
    const item = given(asked)
      .when(A.supDcs, cmd('DecideReturn', { approve: false, reason: '属于本单位职责' }))
      .then([{ type: 'ReturnDenied' }]);
    expect(item).toMatchObject({ status: 'in_progress', pendingReturn: null, leadUnitId: 'city-ajj' });
    given(asked)
      .when(A.supDcs, cmd('DecideReturn', { approve: false }))
      .thenRefused('reason_required');
  });

  it('is refused before 签收, twice, without a reason, or decided by anyone but the supervisor', () => {
    given(STORY.assigned)
      .when(A.handlerAjj, cmd('RequestReturn', { reason: '不属于' }))
      .thenRefused('invalid_transition');
    given(asked)
      .when(A.handlerAjj, cmd('RequestReturn', { reason: '再次' }))
      .thenRefused('invalid_transition');
    given(STORY.inProgress)
      .when(A.handlerAjj, cmd('RequestReturn', { reason: ' ' }))
      .thenRefused('reason_required');
    given(asked)
      .when(A.handlerAjj, cmd('DecideReturn', { approve: true }))
      .thenRefused('forbidden');
    given(STORY.inProgress)
      .when(A.supDcs, cmd('DecideReturn', { approve: true }))
      .thenRefused('invalid_transition');
  });
});
