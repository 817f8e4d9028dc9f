import { describe, expect, it } from 'vitest';
import { policyEn, policyZh, type PolicyKey } from './signing-policy.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('signing policy texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(policyZh) as PolicyKey[]) {
      expect(policyEn[key], key).toBeTruthy();
      expect(placeholders(policyEn[key]), key).toEqual(placeholders(policyZh[key]));
      expect(policyZh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(policyEn).sort()).toEqual(Object.keys(policyZh).sort());
  });
});
