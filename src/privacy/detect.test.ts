import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPersonalData, luhn, validIdNumber, type PersonalKind } from './detect.js';
import { maskPersonalData, maskValue } from './mask.js';

interface TestSet {
  readonly cases: readonly { text: string; expect: [PersonalKind, string][] }[];
}
const load = (name: string): TestSet => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8')) as TestSet;

/** Precision and recall over a test set, overall and per kind: a found span counts when kind and text match. */
function score(set: TestSet) {
  const per = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (kind: string, k: 'tp' | 'fp' | 'fn') => {
    const s = per.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
    s[k] += 1;
    per.set(kind, s);
  };
  for (const c of set.cases) {
    const expected = c.expect.map(([k, t]) => `${k}\u0000${t}`);
    for (const s of detectPersonalData(c.text)) {
      const i = expected.indexOf(`${s.kind}\u0000${s.text}`);
      if (i >= 0) {
        expected.splice(i, 1);
        bump(s.kind, 'tp');
      } else bump(s.kind, 'fp');
    }
    for (const e of expected) bump(e.split('\u0000')[0]!, 'fn');
  }
  const all = [...per.values()].reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  const pr = (s: { tp: number; fp: number; fn: number }) => ({ precision: s.tp / (s.tp + s.fp || 1), recall: s.tp / (s.tp + s.fn || 1) });
  return { all: pr(all), per: new Map([...per].map(([k, s]) => [k, pr(s)])) };
}

describe('personal data detector', () => {
  it('checks the 居民身份证号 check digit (GB 11643) and the Luhn digit', () => {
    expect(validIdNumber('11010519491231002X')).toBe(true);
    expect(validIdNumber('110105194912310021')).toBe(false);
    expect(validIdNumber('11010519491231002')).toBe(false);
    expect(luhn('4367881234567891')).toBe(true);
    expect(luhn('4367881234567890')).toBe(false);
  });

  it('meets its precision and recall on the test set it was built with (names: jieba nr + surnames + cues)', () => {
    const r = score(load('personal-data.json'));
    expect(r.all.precision).toBeGreaterThanOrEqual(0.97);
    expect(r.all.recall).toBeGreaterThanOrEqual(0.97);
    for (const kind of ['id_number', 'mobile', 'landline', 'bank_card', 'email', 'plate']) expect(r.per.get(kind), kind).toEqual({ precision: 1, recall: 1 });
  });

  it('keeps precision ≥ 0.9 and recall ≥ 0.85 on held-out sentences never used to tune it', () => {
    const r = score(load('personal-data.heldout.json'));
    expect(r.all.precision).toBeGreaterThanOrEqual(0.9);
    expect(r.all.recall).toBeGreaterThanOrEqual(0.85);
  });

  it('masks as the public pages show it: 张*, 1101**********1234, 138****5678', () => {
    expect(maskValue('name', '张伟')).toBe('张*');
    expect(maskValue('name', '欧阳娜娜')).toBe('欧阳**');
    expect(maskValue('id_number', '110105194912311234')).toBe('1101**********1234');
    expect(maskValue('mobile', '13812345678')).toBe('138****5678');
    expect(maskValue('mobile', '+86 138 1234 5678')).toBe('138****5678');
    expect(maskValue('landline', '010-62345678')).toBe('010-****5678');
    expect(maskValue('bank_card', '6222021001123456789')).toBe('6222***********6789');
    expect(maskValue('email', 'zhaolei88@163.com')).toBe('z***@163.com');
    expect(maskValue('plate', '京A12345')).toBe('京A****5');
    const { text, found } = maskPersonalData('联系人王小明，电话13812345678，身份证11010519491231002X。');
    expect(text).toBe('联系人王**，电话138****5678，身份证1101**********002X。');
    expect(found.map((f) => f.kind)).toEqual(['name', 'mobile', 'id_number']);
  });

  it('finds nothing in plain work text, and never throws on odd input', () => {
    expect(detectPersonalData('市生态环境局牵头，按期完成整改，完成率96.5%，督办〔2026〕0012号。')).toEqual([]);
    for (const odd of ['', '\u0000', '\uD800', '1'.repeat(5000), '张'.repeat(3000), '@@@.@']) expect(() => detectPersonalData(odd)).not.toThrow();
  });
});
