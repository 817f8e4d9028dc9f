import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { actionBody, fieldValues } from './action-body.js';

describe(actionBody.name, () => {
  it('assigns with the picked date as YYYY-MM-DD and never lists the lead unit among the co-units', () => {
    expect(actionBody('assign', { leadUnitId: 'wjw', coUnitIds: ['wjw', 'jyj'], deadline: dayjs('2026-12-31'), cadence: undefined }, null)).toEqual({
      leadUnitId: 'wjw',
      coUnitIds: ['jyj'],
      deadline: '2026-12-31',
      cadence: null,
    });
  });

  it('sends reasons trimmed (a blank one stays blank, for the server to refuse)', () => {
    expect(actionBody('reject', { reason: '  材料不全  ' }, 'review')).toEqual({ stageKey: 'review', reason: '材料不全' });
    expect(actionBody('cancel', { reason: '   ' }, null)).toEqual({ reason: '' });
  });

  it('decides an extension: approval with optional date and note, denial with a reason only', () => {
    expect(actionBody('decide-extension', { decision: 'approve', deadline: dayjs('2027-01-15'), note: '' }, null)).toEqual({ decision: 'approve', deadline: '2027-01-15' });
    expect(actionBody('decide-extension', { decision: 'deny', reason: '理由不充分', deadline: dayjs('2027-01-15') }, null)).toEqual({ decision: 'deny', reason: '理由不充分' });
  });

  it('requests closure with evidence ids and the closure fields, empty ones left out', () => {
    expect(actionBody('request-closure', { summary: ' 已完成 ', evidence: ['e1'], fields: { outcome: ' 办结 ', note: '', when: dayjs('2026-05-01') } }, null)).toEqual({
      summary: '已完成',
      evidence: ['e1'],
      fields: { outcome: '办结', when: '2026-05-01' },
    });
  });

  it('passes a stage with the stage seen and a rating only when one was given', () => {
    expect(actionBody('pass-stage', { note: '同意' }, 'review')).toEqual({ stageKey: 'review', note: '同意' });
    // The signing passphrase goes as typed (spaces kept), and only when one was typed.
    expect(actionBody('pass-stage', { note: '同意', passphrase: ' 我的 口令 ' }, 'sign_off')).toEqual({ stageKey: 'sign_off', note: '同意', passphrase: ' 我的 口令 ' });
    expect(actionBody('pass-stage', { passphrase: '' }, 'sign_off')).toEqual({ stageKey: 'sign_off' });
    expect(actionBody('pass-stage', { satisfaction: 'satisfied', resolved: true }, 'follow_up')).toEqual({
      stageKey: 'follow_up',
      rating: { satisfaction: 'satisfied', resolved: true },
    });
  });

  it('reports progress as a number with the evidence picked', () => {
    expect(actionBody('report', { text: '过半', percent: '60', evidence: ['a', 'b'] }, null)).toEqual({ text: '过半', percent: 60, evidence: ['a', 'b'] });
    expect(fieldValues(undefined)).toEqual({});
  });
});
