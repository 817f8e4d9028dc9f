import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReadout } from './extract.js';
import { detectScript, toSimplifiedSameLength } from './script.js';

const corpus = new URL('../../test/fixtures/corpus/readouts/', import.meta.url);

describe(toSimplifiedSameLength.name, () => {
  it.each(['wencheng-2020-03-24', 'shangluo-2019-03-19', 'quanzhou-2024-06'])('keeps the length of the traditional readout %s', (id) => {
    const text = readFileSync(new URL(`${id}.txt`, corpus), 'utf8');
    const simp = toSimplifiedSameLength(text);
    expect(simp.length).toBe(text.length);
    expect(simp).toContain('会议');
    expect(detectScript(text, simp)).toBe('traditional');
  });

  it('leaves simplified text as it is and calls it simplified', () => {
    const text = readFileSync(new URL('seed-urumqi-2020-09-12.txt', corpus), 'utf8');
    expect(detectScript(text, toSimplifiedSameLength(text))).toBe('simplified');
  });

  it('keeps characters outside the basic plane and their offsets', () => {
    const text = '會議要求𠀋要抓好安全生產。';
    const simp = toSimplifiedSameLength(text);
    expect(simp.length).toBe(text.length);
    expect(simp.startsWith('会议要求𠀋')).toBe(true);
  });
});

describe('working days in extraction', () => {
  it('resolves N个工作日内 on the official calendar, provisionally in a year without a notice, and leaves years past the statutory calendar without a date', () => {
    const covered = extractReadout('市财政局要在10个工作日内拨付专项资金。', { meetingDate: '2024-03-04' });
    expect(covered.directives[0]?.deadline).toEqual({ phrase: '10个工作日内', date: '2024-03-18' });
    // No notice for 2040 yet: counted on the statutory holidays and weekends (2040-03-05 is a Monday).
    const provisional = extractReadout('市财政局要在10个工作日内拨付专项资金。', { meetingDate: '2040-03-05' });
    expect(provisional.directives[0]?.deadline).toMatchObject({ phrase: '10个工作日内', date: '2040-03-19' });
    const uncovered = extractReadout('市财政局要在10个工作日内拨付专项资金。', { meetingDate: '2101-03-07' });
    expect(uncovered.directives[0]?.deadline).toMatchObject({ phrase: '10个工作日内', date: null });
    expect(uncovered.notes.join()).toContain('calendar');
  });
});
