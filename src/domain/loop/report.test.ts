import { describe, expect, it } from 'vitest';
import { given } from './spec/decider.js';
import { A, actor, cmd, createCommand } from './spec/fixtures.js';

/** A community's 网格员 (handler) and a leader of the same community. */
const grid = actor('h-c1', 'east-c1', 'handler');
const leaderC1 = actor('l-c1', 'east-c1', 'leader');
const report = (type: string, over: Record<string, unknown> = {}) => createCommand(type, { ownerUnitId: 'east-c1', ...over });

describe('上报 (a unit registers an item itself)', () => {
  it('records a reported hazard as a draft waiting for 立项', () => {
    const item = given([], 'hazard')
      .when(grid, report('hazard'))
      .then([{ type: 'ItemCreated', data: expect.objectContaining({ intake: 'pending' }) }]);
    expect(item).toMatchObject({ status: 'draft', ownerUnitId: 'east-c1', reported: { unitId: 'east-c1', by: 'h-c1', pending: true, own: false } });
  });

  it("records a reported dispute as the unit's own case", () => {
    const item = given([], 'dispute')
      .when(grid, report('dispute'))
      .then([{ type: 'ItemCreated', data: expect.objectContaining({ intake: 'own' }) }]);
    expect(item.reported).toMatchObject({ pending: false, own: true });
  });

  it('leaves the intake out when a supervisor records the item', () => {
    given([], 'hazard')
      .when(A.supEast, report('hazard'))
      .then([{ type: 'ItemCreated', data: expect.not.objectContaining({ intake: expect.anything() }) }]);
  });

  it.each([
    ['a directive', grid, 'directive', {}],
    ['a rectification', grid, 'rectification', {}],
    ['a hazard for another unit', grid, 'hazard', { ownerUnitId: 'east-s1' }],
    ['a hazard by a leader (handlers only, built in)', leaderC1, 'hazard', {}],
    ['a hazard by a supervisor outside the area', A.supEast, 'hazard', { ownerUnitId: 'west-ajj' }],
  ] as const)('refuses %s', (_name, who, type, over) => {
    given([], type).when(who, report(type, over)).thenRefused('forbidden');
  });
});

describe('立项 and 交办 of a reported item', () => {
  const pending = [{ who: grid, command: report('hazard') }];

  it('the supervisor above registers and assigns it in one step; its unit becomes the owner', () => {
    const item = given(pending, 'hazard')
      .when(A.supEast, cmd('AssignItem', { leadUnitId: 'east-s1', coUnitIds: ['east-c1'], deadline: '2026-03-31' }))
      .then([{ type: 'ItemAssigned', data: expect.objectContaining({ ownerUnitId: 'east-dcs' }) }]);
    expect(item).toMatchObject({ status: 'assigned', ownerUnitId: 'east-dcs', leadUnitId: 'east-s1', reported: { pending: false } });
  });

  it('the reporter cannot hand it out, not even to itself', () => {
    given(pending, 'hazard')
      .when(grid, cmd('AssignItem', { leadUnitId: 'east-c1', deadline: '2026-03-31' }))
      .thenRefused('forbidden');
  });

  it('a supervisor declines it with a reason', () => {
    given(pending, 'hazard')
      .when(A.supEast, cmd('CancelItem', { reason: '重复上报' }))
      .then([{ type: 'ItemCancelled' }]);
    given(pending, 'hazard').when(A.supEast, cmd('CancelItem', {})).thenRefused('validation_failed');
  });

  it('an own case is handed by its unit to itself only, with no co-units', () => {
    const own = [{ who: grid, command: report('dispute') }];
    given(own, 'dispute')
      .when(grid, cmd('AssignItem', { leadUnitId: 'east-c1', deadline: '2026-03-31' }))
      .then([{ type: 'ItemAssigned', data: expect.not.objectContaining({ ownerUnitId: expect.anything() }) }]);
    given(own, 'dispute')
      .when(grid, cmd('AssignItem', { leadUnitId: 'east-s1', deadline: '2026-03-31' }))
      .thenRefused('forbidden');
    given(own, 'dispute')
      .when(grid, cmd('AssignItem', { leadUnitId: 'east-c1', coUnitIds: ['east-s1'], deadline: '2026-03-31' }))
      .thenRefused('forbidden');
  });

  it('an own case goes up (提级) from the community to its street', () => {
    const own = [
      { who: grid, command: report('dispute') },
      { who: grid, command: cmd('AssignItem', { leadUnitId: 'east-c1', deadline: '2026-03-31' }) },
      { who: grid, command: cmd('AcceptItem', {}) },
    ];
    const item = given(own, 'dispute')
      .when(grid, cmd('EscalateItem', { reason: '调解不成' }))
      .then([{ type: 'ItemMoved' }]);
    expect(item).toMatchObject({ leadUnitId: 'east-s1', ownerUnitId: 'east-c1', originalLeadUnitId: 'east-c1' });
  });
});
