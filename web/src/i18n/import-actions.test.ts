import { describe, expect, it } from 'vitest';
import { iaEn, iaZh, type ImportActionKey } from './import-actions.js';

describe('import preview texts', () => {
  it('has every Chinese text in English', () => {
    for (const key of Object.keys(iaZh) as ImportActionKey[]) {
      expect(iaEn[key], key).toBeTruthy();
      expect(iaZh[key], key).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(iaEn).sort()).toEqual(Object.keys(iaZh).sort());
  });
});
