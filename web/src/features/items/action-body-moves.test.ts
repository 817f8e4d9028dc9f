import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { actionBody } from './action-body.js';

describe('action bodies of work that moves', () => {
  it('transfers with the new lead and a reason, keeping the deadline unless one is picked', () => {
    expect(actionBody('transfer', { leadUnitId: 'yjj', reason: ' 改由应急局牵头 ' }, null)).toEqual({ leadUnitId: 'yjj', reason: '改由应急局牵头' });
    expect(actionBody('transfer', { leadUnitId: 'yjj', reason: '改派', deadline: dayjs('2027-01-15') }, null)).toEqual({
      leadUnitId: 'yjj',
      reason: '改派',
      deadline: '2027-01-15',
    });
  });

  it('escalates to the unit above unless one is named, and decides a return request', () => {
    expect(actionBody('escalate', { reason: '需街道协调' }, null)).toEqual({ reason: '需街道协调' });
    expect(actionBody('escalate', { reason: '重大', toUnitId: 'd1' }, null)).toEqual({ reason: '重大', toUnitId: 'd1' });
    expect(actionBody('request-return', { reason: '不属于本单位职责' }, null)).toEqual({ reason: '不属于本单位职责' });
    expect(actionBody('decide-return', { decision: 'approve' }, null)).toEqual({ approve: true });
    expect(actionBody('decide-return', { decision: 'deny', reason: '先行办理' }, null)).toEqual({ approve: false, reason: '先行办理' });
  });
});
