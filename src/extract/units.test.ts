import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isNumbered, splitUnits } from './units.js';

const corpus = new URL('../../test/fixtures/corpus/readouts/', import.meta.url);

describe(splitUnits.name, () => {
  it.each([
    ['一是…;二是…;三是…。 gives three units', '一是抓好甲;二是抓好乙;三是抓好丙。', ['一是抓好甲;', '二是抓好乙;', '三是抓好丙。']],
    ['commas, colons and 、 never split', 'XX强调,要做到“三个到位”:一是要思想认识到位。', ['XX强调,要做到“三个到位”:一是要思想认识到位。']],
    ['a closing quote after the terminator stays with its unit', '他说:“要抓好落实。”随后散会。', ['他说:“要抓好落实。”', '随后散会。']],
    ['full-width and ASCII terminators both split', '甲！乙?丙；丁!', ['甲！', '乙?', '丙；', '丁!']],
    ['units are trimmed of spaces incl. U+3000', '\u3000\u3000要抓好落实。  \n', ['要抓好落实。']],
    ['a line break ends a unit without a terminator', '标题一行\n正文。', ['标题一行', '正文。']],
  ])('%s', (_name, text, expected) => {
    expect(splitUnits(text).map((u) => u.text)).toEqual(expected);
  });

  it('gives offsets that slice the input back to each unit, paragraph by non-empty line', () => {
    const text = '第一段。\n\n \n第二段,甲;乙。';
    const units = splitUnits(text);
    for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
    expect(units.map((u) => u.para)).toEqual([0, 1, 1]);
  });

  it('finds every gold directive of the corpus as a unit at its recorded start (as units_reference.py does)', () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.gold.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const text = readFileSync(new URL(f.replace('.gold.json', '.txt'), corpus), 'utf8');
      const starts = new Map(splitUnits(text).map((u) => [u.start, u.text]));
      const gold = JSON.parse(readFileSync(new URL(f, corpus), 'utf8')) as { directives: { text: string; start: number }[] };
      for (const d of gold.directives) expect(starts.get(d.start), `${f} @${d.start}`).toBe(d.text);
    }
  });
});

describe(isNumbered.name, () => {
  it.each([
    ['一要毫不放松抓好疫情防控。', true],
    ['二是要督促学校周边工地尽快完工;', true],
    ['会议要求,一是要切实保障交通安全;', true],
    ['做到“三个到位”:一是要思想认识到位。', true],
    ['(三)加强督导检查。', true],
    ['（三）加强督导检查。', true],
    ['第二,抓好复工复产。', true],
    ['2.抓好复工复产。', true],
    ['十一、抓好安全生产。', true],
    ['首先要抓好疫情防控。', false],
    ['要全面开展“大排查”,坚持系统性防控。', false],
    ['会议强调,要抓好关键环节。', false],
  ])('%s → %s', (text, expected) => {
    expect(isNumbered(text)).toBe(expected);
  });
});
