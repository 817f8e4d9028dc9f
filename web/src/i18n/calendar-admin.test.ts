import { describe, expect, it } from 'vitest';
import { calEn, calZh, type CalKey } from './calendar-admin.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('working-day calendar tab texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(calZh) as CalKey[]) {
      expect(calEn[key], key).toBeTruthy();
      expect(placeholders(calEn[key]), key).toEqual(placeholders(calZh[key]));
      expect(calZh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(calEn).sort()).toEqual(Object.keys(calZh).sort());
  });
});
