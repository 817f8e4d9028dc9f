import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from './catalogue.js';
import { extractReadout } from './extract.js';
import type { DepartmentCatalogue } from './types.js';

const lead = (text: string, catalogue?: DepartmentCatalogue) => {
  const d = extractReadout(text, { meetingDate: '2024-03-04', catalogue }).directives[0];
  return { lead: d?.lead, explicit: d?.lead_explicit, co: d?.co, text: d?.lead_text };
};

describe(extractReadout.name, () => {
  it.each([
    ['市卫健委要加强疫苗接种督导。', ['市卫生健康委员会']],
    ['卫健委要持续发挥好牵头抓总作用,加大督导培训工作力度;', ['市卫生健康委员会']],
    ['市、县两级安办要加强督导检查和晾晒通报。', ['市应急管理局']],
    ['区财政部门要在10个工作日内拨付专项资金。', ['市财政局']],
    ['縣應急管理局、消防救援大隊等相關單位要加大巡查力度。', ['市应急管理局', '市消防救援支队']],
    ['爱卫办要会同政府督查室扎实开展督导检查。', ['市卫生健康委员会', '市政府办公室']],
    ['由市发改委牵头,建立重点项目台账。', ['市发展和改革委员会']],
    ['住建、城管等部门要开展违法建设专项整治。', ['市住房和城乡建设局', '市城市管理局']],
    ['环委办要开展大气污染防治督查。', ['市生态环境局']],
    ['会议要求：一是縣水利局要會同縣應急管理局，在5月底前完成水庫隱患排查；', ['市水务局', '市应急管理局']],
    ['会议原则通过了《若干措施》,请市政务服务和数据管理局按程序印发实施。', ['市政务服务和数据管理局']],
    ['会议决定,由市发改委负责,在10个工作日内完成重点项目前期工作清单。', ['市发展和改革委员会']],
  ])('resolves the named actors of %s', (text, expected) => {
    expect(lead(text)).toMatchObject({ lead: expected, explicit: true });
  });

  it('keeps 配合 partners apart as co-units', () => {
    expect(lead('市发改委要牵头建立重点项目台账,市统计局配合做好数据核查。')).toMatchObject({
      lead: ['市发展和改革委员会'],
      co: ['市统计局'],
      explicit: true,
    });
  });

  it('does not take territorial units, roles or generic sets as named leads', () => {
    for (const t of ['各县市区要开展安全生产大检查。', '各级各部门要抓好疫情防控。', '分管领导要加强督导检查。']) {
      expect(lead(t).explicit).toBe(false);
    }
  });

  it('suggests leads by remit when none is named', () => {
    expect(lead('要抓好中央环保督察反馈问题整改,建立台账。').lead?.[0]).toBe('市生态环境局');
    expect(lead('多措并举做好就业工作,重点关注高校毕业生就业。').lead?.[0]).toBe('市人力资源和社会保障局');
  });

  it('uses a city catalogue passed in instead of the shipped one', () => {
    const city: DepartmentCatalogue = {
      departments: [{ id: 'jsj', name: '滨海新区建设和交通局', aliases: ['建交局'], covers: [], remit: '城市建设、交通运输、燃气安全' }],
    };
    expect(lead('建交局要开展燃气安全隐患排查整治。', city)).toMatchObject({ lead: ['滨海新区建设和交通局'], explicit: true });
    expect(lead('要开展燃气安全隐患排查整治。', city).lead).toEqual(['滨海新区建设和交通局']);
    expect(DEFAULT_CATALOGUE.departments).toHaveLength(52);
  });

  it('puts the directives of a numbered headline under it within its paragraph only', () => {
    const text = '一要毫不放松抓好疫情防控。严格落实监测预警机制。加强核酸检测能力建设。\n二要抓好复工复产。积极支持个体工商户。\n要加强科技人才培养。';
    const ds = extractReadout(text).directives;
    expect(ds.map((d) => [d.level, d.parent])).toEqual([
      [1, null],
      [2, 0],
      [2, 0],
      [1, null],
      [2, 3],
      [1, null],
    ]);
  });

  it('keeps consecutive numbered units without elaboration all at level 1', () => {
    const ds = extractReadout('会议要求,一是要抓好安全生产;二是要推进复工复产;三是要做好就业工作。').directives;
    expect(ds.map((d) => d.level)).toEqual([1, 1, 1]);
  });

  it('tells tasks from exhortations', () => {
    const kinds = extractReadout('要抓好科技成果转化和运用。全市各级各部门要增强“四个意识”,深入学习领会重要讲话精神。要健全工作机制,形成强大合力。').directives.map((d) => d.kind);
    expect(kinds).toEqual(['task', 'exhortation', 'exhortation']);
  });

  it('skips meeting logistics, descriptions and noise', () => {
    const text = '市政府召开常务会议\n3月4日,市长主持召开常务会议。会议审议通过了相关议题。\n会议指出,该讲话具有重要意义。\n微信“扫一扫”分享至朋友圈';
    expect(extractReadout(text).directives).toEqual([]);
  });

  it('gives an empty result for empty text and a readout without directives', () => {
    expect(extractReadout('')).toMatchObject({ directives: [], document: { title: null, meeting_date: null } });
    expect(extractReadout('会议还研究了其他事项。\n市领导参加会议。').directives).toEqual([]);
  });

  it('reads the title and a stated meeting date, and leaves an unstated year empty', () => {
    expect(extractReadout('标题\n2024年3月4日,市政府召开常务会议。要抓好安全生产。').document).toMatchObject({ title: '标题', meeting_date: '2024-03-04' });
    const noYear = extractReadout('标题\n3月4日,市政府召开常务会议。要在9月底前完成排查。');
    expect(noYear.document.meeting_date).toBeNull();
    expect(noYear.directives[0]?.deadline).toMatchObject({ phrase: '9月底前', date: null });
    expect(noYear.notes.length).toBe(1);
  });

  it('analyses traditional script while every text and offset refers to the original', () => {
    const text = '會議強調,縣應急管理局要加強安全生產監管,9月底前完成隱患排查整治。';
    const x = extractReadout(text, { meetingDate: '2020-09-12' });
    expect(x.document.script).toBe('traditional');
    const d = x.directives[0];
    expect(d).toMatchObject({ text, start: 0, end: text.length, topic: '安全生产与城市安全', lead: ['市应急管理局'], lead_text: ['縣應急管理局'] });
    expect(d?.deadline).toEqual({ phrase: '9月底前', date: '2020-09-30' });
  });

  it('survives stray question marks and share-button lines', () => {
    const x = extractReadout('会议要求?要抓好安全生产工作。\n分享到:微信 微博 QQ\n要加强?督导检查。');
    expect(x.directives.length).toBeGreaterThan(0);
    for (const d of x.directives) expect(d.text.includes('分享')).toBe(false);
  });

  it('refuses a 50 MB text at once and skips a sentence-less passage instead of stalling on it', () => {
    const t0 = performance.now();
    expect(() => extractReadout('x'.repeat(50 * 1024 * 1024))).toThrow(expect.objectContaining({ code: 'readout_too_large' }));
    const blob = extractReadout(`要抓好安全生产。\n${'要加强监管工作落实责任'.repeat(20_000)}`);
    expect(blob.directives).toHaveLength(1);
    expect(blob.notes.join()).toContain('skipped');
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('refuses a text above the size limit with a stable code', () => {
    expect(() => extractReadout('要抓好安全生产。'.repeat(10), { maxChars: 50 })).toThrow(expect.objectContaining({ code: 'readout_too_large' }));
    expect(() => extractReadout('x', { meetingDate: '2024-02-30' })).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});
