import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReadout } from './extract.js';
import { ledgerTitle, TITLE_MAX } from './title.js';

const corpus = new URL('../../test/fixtures/corpus/readouts/', import.meta.url);

describe(ledgerTitle.name, () => {
  it.each([
    ['要加强大中型企业融资信贷支持,帮助企业渡过难关。', '加强大中型企业融资信贷支持'],
    ['会议强调,要抓好关键环节,坚决巩固住来之不易的疫情防控重大成果。', '抓好关键环节'],
    ['一要毫不放松抓好疫情防控。', '毫不放松抓好疫情防控'],
    ['会议决定,由市发改委负责,在10个工作日内完成重点项目前期工作清单。', '完成重点项目前期工作清单'],
    ['会议要求:一是县水利局要会同县应急管理局,在5月底前完成水库隐患排查;', '完成水库隐患排查'],
    ['县自然资源局要协调落实好方案内容以及省市相关要求。', '协调落实好方案内容以及省市相关要求'],
    ['會議強調,要認清當前我縣面臨的安全生產嚴峻復雜形勢,牢固樹立責任意識。', '認清當前我縣面臨的安全生產嚴峻復雜形勢'],
  ])('%s → %s', (text, title) => {
    expect(ledgerTitle(text)).toBe(title);
  });

  it('takes a task title from the clause that carries the work', () => {
    const text = '李振国书记要求,一要统一思想、凝心聚力,深入开展“一集中四治理”专项行动。';
    expect(ledgerTitle(text, text.indexOf('深入'))).toBe('深入开展“一集中四治理”专项行动');
  });

  it('gives every directive of the corpus a title a ledger can carry, the sentence staying its text', () => {
    let n = 0;
    for (const f of readdirSync(corpus).filter((x) => x.endsWith('.txt'))) {
      for (const d of extractReadout(readFileSync(new URL(f, corpus), 'utf8')).directives) {
        n += 1;
        expect(d.title.length, d.text).toBeGreaterThanOrEqual(2);
        expect(d.title.length, d.text).toBeLessThanOrEqual(TITLE_MAX);
        expect(d.title, d.text).not.toMatch(/^(?:要|会议强调|会议要求|会议指出|一是|二是|一要|[,，;；。])/);
        expect(d.text).toContain(d.title.slice(0, 2));
      }
    }
    expect(n).toBeGreaterThan(400);
  });
});
