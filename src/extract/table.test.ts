import { describe, expect, it } from 'vitest';
import { extractDocument } from './document.js';
import { layoutBlocks } from './load/layout.js';
import { htmlBlocks, htmlTables } from './load/table-docx.js';
import type { TableRows } from './load/table-xlsx.js';
import { directivesFromTable, headerRoles, readCellDeadline } from './table.js';

// The scored test set of whole files (row recall, lead and deadline per row) is tables.corpus.test.ts.

/** Grid slots covered by a merged cell (null) take the text of the cell above, as a loader repeats it. */
function flatten(rows: (string | null)[][]): TableRows {
  const out: TableRows = [];
  rows.forEach((row, r) => out.push(row.map((c, k) => c ?? out[r - 1]?.[k] ?? '')));
  return out;
}

describe('task tables', () => {
  it('recognises headers in their usual wordings and refuses other rows', () => {
    expect(headerRoles(['序号', '存在问题', '整改措施', '责任单位', '完成时限', '责任人'])).toEqual(['seq', 'problem', 'measure', 'lead', 'deadline', 'person']);
    expect(headerRoles(['序號', '問題', '整改措施', '牽頭單位', '配合單位', '完成時限'])).toEqual(['seq', 'problem', 'measure', 'lead', 'co', 'deadline']);
    expect(headerRoles(['1', '抓好夏季消杀', '县爱卫办', '县卫健局'])).toBeNull();
  });

  it('reads a deadline cell as a deadline, plain dates included', () => {
    expect(readCellDeadline('2024年6月30日', '2024-03-04').deadline).toEqual({ phrase: '2024年6月30日', date: '2024-06-30' });
    expect(readCellDeadline('2024-06-30', null).deadline?.date).toBe('2024-06-30');
    expect(readCellDeadline('2022年6月', null).deadline?.date).toBe('2022-06-30');
    expect(readCellDeadline('9月底前', '2020-06-13').deadline?.date).toBe('2020-09-30');
    expect(readCellDeadline('长期坚持', null)).toEqual({ deadline: null, ongoing: true });
  });

  it('keeps a multi-line cell whole and repeats merged cells from the HTML grid', () => {
    const html =
      '<table><tr><td>序号</td><td>整改措施</td><td>责任单位</td><td>完成时限</td></tr><tr><td>1</td><td><p>开展集中整治</p><p>加强路面执法检查</p></td><td rowspan="2">区公安分局</td><td>2024年6月30日</td></tr><tr><td>2</td><td>吊销违规残摩驾驶证</td><td>2024年7月31日</td></tr></table>';
    const [grid] = htmlTables(html);
    expect(grid?.[2]).toEqual(['2', '吊销违规残摩驾驶证', '区公安分局', '2024年7月31日']);
    const d = directivesFromTable(grid as TableRows, { meetingDate: '2024-04-22' }).directives;
    expect(d[0]?.text).toBe('开展集中整治\n加强路面执法检查');
    expect(d.map((x) => x.lead)).toEqual([['市公安局'], ['市公安局']]);
  });

  it('gives a clear note, and no directives, for a table that is not a task table', () => {
    const r = directivesFromTable(
      flatten([
        ['姓名', '单位'],
        ['某某', '某局'],
      ]),
    );
    expect(r.directives).toEqual([]);
    expect(r.notes.join()).toMatch(/header/);
  });

  it('reads 牵头/配合 marks in a 责任单位 cell, skips section lines and repeated headers, and carries merged cells down', () => {
    const rows = flatten([
      ['序号', '问题', '整改措施', '责任单位', '完成时限'],
      ['一、校园食品安全', '一、校园食品安全', '一、校园食品安全', '一、校园食品安全', '一、校园食品安全'],
      ['1', '陪餐制度落实不到位', '落实校长陪餐制度', '市教育局(牵头)\n市市场监管局(配合)', '2025年9月底前'],
      ['2', null, '开展食堂专项检查', '市市场监管局', '2025年10月31日'],
      ['序号', '问题', '整改措施', '责任单位', '完成时限'],
      ['3', '快检能力不足', '配齐快检设备', '某某中心、市商务局', '立行立改、长期坚持'],
    ]);
    const d = directivesFromTable(rows, { meetingDate: '2025-07-01' }).directives;
    expect(d.map((x) => [x.seq, x.problem, x.lead, x.co, x.deadline?.date ?? null, x.ongoing])).toEqual([
      ['1', '陪餐制度落实不到位', ['市教育局'], ['市市场监督管理局'], '2025-09-30', false],
      ['2', '陪餐制度落实不到位', ['市市场监督管理局'], [], '2025-10-31', false],
      // The first unit the catalogue knows leads; an unknown one is left out, not promoted to co-unit.
      ['3', '快检能力不足', ['市商务局'], [], null, true],
    ]);
    expect(d[0]?.lead_text).toEqual(['市教育局']);
    expect(d[0]?.co_text).toEqual(['市市场监管局']);
  });
});

describe(extractDocument.name, () => {
  const doc = layoutBlocks([
    '2026年3月4日,市长主持召开专题会议。',
    '会议要求,市应急管理局要牵头开展重大事故隐患排查整治,3月底前完成全面排查。',
    [
      ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '开展燃气安全专项整治\n排查餐饮场所燃气隐患', '市住建局', '市应急局', '6月底前'],
      ['2', '推进危化品企业安全改造', '市应急局', '', '长期坚持'],
    ],
    '会议强调,各级各部门要压实工作责任。',
  ]);

  it('gives the prose directives and one directive per table row, in document order, each pointing at its row', () => {
    const x = extractDocument(doc);
    expect(x.directives.map((d) => d.i)).toEqual(x.directives.map((_, k) => k));
    const rows = x.directives.filter((d) => d.table_row);
    expect(rows.map((d) => d.table_row)).toEqual([
      { table: 0, row: 1 },
      { table: 0, row: 2 },
    ]);
    // The row's task cell, its line breaks shown as a space, is the directive's text and provenance.
    expect(rows[0]?.text).toBe('开展燃气安全专项整治 排查餐饮场所燃气隐患');
    for (const d of x.directives) expect(doc.text.slice(d.start, d.end)).toBe(d.text);
    expect(doc.text.slice(doc.tables[0]!.spans[1]!.start, doc.tables[0]!.spans[1]!.end)).toBe('1 | 开展燃气安全专项整治 排查餐饮场所燃气隐患 | 市住建局 | 市应急局 | 6月底前');
    // The meeting date the prose states resolves the rows' relative time limits.
    expect(rows.map((d) => [d.lead, d.co, d.deadline?.date ?? null, d.ongoing, d.lead_explicit, d.kind])).toEqual([
      [['市住房和城乡建设局'], ['市应急管理局'], '2026-06-30', false, true, 'task'],
      [['市应急管理局'], [], null, true, true, 'task'],
    ]);
    // The task cell is read as an instruction for its topic, as a readout's sentence is.
    expect(rows[0]?.topic).toBe('安全生产与城市安全');
    const prose = x.directives.find((d) => !d.table_row && d.text.includes('隐患排查'));
    expect(prose?.lead).toEqual(['市应急管理局']);
    // No cell of the table is read again as prose.
    expect(x.directives.filter((d) => !d.table_row && d.text.includes('燃气'))).toEqual([]);
    expect(x.notes.join()).toMatch(/2 row\(s\)/);
  });

  it('reads a document without a task table exactly as extractReadout reads its text', () => {
    const plain = layoutBlocks([
      '会议要求,市应急管理局要牵头开展重大事故隐患排查整治,3月底前完成全面排查。',
      [
        ['姓名', '单位'],
        ['张某', '市应急局'],
      ],
    ]);
    const x = extractDocument(plain, { meetingDate: '2026-03-04' });
    expect(x.directives.some((d) => d.table_row)).toBe(false);
    expect(x.directives[0]?.lead).toEqual(['市应急管理局']);
  });

  it('reads mammoth HTML as paragraphs and top-level tables, leaving footnotes out', () => {
    const blocks = htmlBlocks(
      '<h1>标题</h1><p>正文<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup></p><table><tr><td>序号</td><td>任务</td></tr></table><p>后文</p><ol><li id="footnote-1"><p>注释</p></li></ol>',
    );
    expect(blocks.filter((b) => b !== '')).toEqual(['标题', '正文', [['序号', '任务']], '后文']);
  });
});
