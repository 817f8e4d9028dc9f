import { describe, expect, it } from 'vitest';
import { lsEn, lsZh, type LsKey } from './ledger-settings.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('ledger settings texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(lsZh) as LsKey[]) {
      expect(lsEn[key], key).toBeTruthy();
      expect(placeholders(lsEn[key]), key).toEqual(placeholders(lsZh[key]));
    }
    expect(Object.keys(lsEn).sort()).toEqual(Object.keys(lsZh).sort());
  });
});
