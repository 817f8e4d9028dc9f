import { describe, expect, it } from 'vitest';
import { inspectionEn, inspectionZh, type InspectionKey } from './inspection.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('inspection texts', () => {
  it('has every Chinese text in English with the same placeholders, and nothing English-only', () => {
    for (const key of Object.keys(inspectionZh) as InspectionKey[]) {
      expect(inspectionEn[key], key).toBeTruthy();
      expect(placeholders(inspectionEn[key]), key).toEqual(placeholders(inspectionZh[key]));
      expect(inspectionZh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(inspectionEn).sort()).toEqual(Object.keys(inspectionZh).sort());
  });
});
