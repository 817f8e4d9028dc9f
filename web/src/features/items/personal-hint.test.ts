import { describe, expect, it } from 'vitest';
import { personalKindsIn } from './personal-hint.js';

describe('personal data typed into free text', () => {
  it('finds an ID number (by its check digit), a mobile, an e-mail and a plate, each kind once', () => {
    expect(personalKindsIn('经核查，联系人身份证11010519491231002X，电话13812345678，复电13812345679。')).toEqual(['id_number', 'mobile']);
    expect(personalKindsIn('来信 wang@example.com，车辆京A12345 已挪走')).toEqual(['email', 'plate']);
  });

  it('stays quiet on ordinary work text, a wrong check digit and what is not text', () => {
    expect(personalKindsIn('已完成直排口截污，整改率100%，投入资金120万元。')).toEqual([]);
    expect(personalKindsIn('编号110105194912310021')).toEqual([]);
    expect(personalKindsIn(undefined)).toEqual([]);
    expect(personalKindsIn(42)).toEqual([]);
  });
});
