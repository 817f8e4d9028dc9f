import { describe, expect, it } from 'vitest';
import { evidenceEn, evidenceZh, type EvidenceTextKey } from './evidence.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('evidence texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(evidenceZh) as EvidenceTextKey[]) {
      expect(evidenceEn[key], key).toBeTruthy();
      expect(placeholders(evidenceEn[key]), key).toEqual(placeholders(evidenceZh[key]));
      expect(evidenceZh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(evidenceEn).sort()).toEqual(Object.keys(evidenceZh).sort());
  });
});
