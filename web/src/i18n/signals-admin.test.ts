import { describe, expect, it } from 'vitest';
import { signalsAdminEn, signalsAdminZh, type SignalsAdminKey } from './signals-admin.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('signals management texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(signalsAdminZh) as SignalsAdminKey[]) {
      expect(signalsAdminEn[key], key).toBeTruthy();
      expect(placeholders(signalsAdminEn[key]), key).toEqual(placeholders(signalsAdminZh[key]));
    }
    expect(Object.keys(signalsAdminEn).sort()).toEqual(Object.keys(signalsAdminZh).sort());
  });

  it('says in Chinese what is not a proper name or a parameter symbol', () => {
    const names = new Set<SignalsAdminKey>(['choice.rossi']);
    for (const key of Object.keys(signalsAdminZh) as SignalsAdminKey[]) if (!names.has(key)) expect(signalsAdminZh[key], key).toMatch(/[\u4e00-\u9fff]/);
  });
});
