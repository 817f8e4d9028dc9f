import { describe, expect, it } from 'vitest';
import { lsEn, lsZh, serverMessageZh, type LsKey } from './ledger-settings.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('ledger settings texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(lsZh) as LsKey[]) {
      expect(lsEn[key], key).toBeTruthy();
      expect(placeholders(lsEn[key]), key).toEqual(placeholders(lsZh[key]));
    }
    expect(Object.keys(lsEn).sort()).toEqual(Object.keys(lsZh).sort());
  });

  it('puts the common schema messages of the server into Chinese and leaves the others as they are', () => {
    expect(serverMessageZh('Too small: expected string to have >=1 characters')).toBe('不能为空');
    expect(serverMessageZh('Too small: expected array to have >=1 items')).toBe('至少需要 1 项');
    expect(serverMessageZh('Too big: expected number to be <=60')).toBe('不能大于 60');
    expect(serverMessageZh('Invalid option: expected one of "hours"|"calendar_days"|"working_days"')).toBe('不是可选的值');
    expect(serverMessageZh('duplicate stage review')).toBe('duplicate stage review');
  });
});
