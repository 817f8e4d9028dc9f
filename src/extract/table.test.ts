import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { docxTables, htmlTables } from './load/table-docx.js';
import { xlsxTables, type TableRows } from './load/table-xlsx.js';
import { directivesFromTable, headerRoles, readCellDeadline } from './table.js';

/**
 * Ten task tables. Their tasks, units and time limits are those of real published readouts of the development
 * corpus (test/fixtures/corpus, document id beside each table), laid out the way 整改方案 and 任务分解表 lay them
 * out: merged lead and deadline cells, multi-line measures, 牵头 vs 配合 columns or marks, a title line above.
 * A cell is text; `null` marks a slot covered by the merged cell above it.
 */
interface Spec {
  name: string;
  format: 'docx' | 'xlsx';
  meetingDate: string;
  rows: (string | null)[][];
  /** Per task row: lead, co-units, deadline date. */
  expected: [string[], string[], string | null][];
}

const SPECS: Spec[] = [
  {
    name: 'weixian-dispatch-2020-06-13: 调度会交办事项',
    format: 'docx',
    meetingDate: '2020-06-13',
    rows: [
      ['魏县疫情防控和当前重点工作交办表'],
      ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '抓好夏季消杀,备好消杀物资,关注重点场所', '县爱卫办', '县卫健局', '2020年6月30日'],
      ['2', '开展拆违和违法违规圈占土地清理工作', '县自然资源局', '县城管局、各乡镇', '2020年7月31日'],
      ['3', '加大信访积案化解力度,积案清零', '县信访局', '县委政法委', '2020年9月底前'],
      ['4', '持续抓好大气污染防治日常防治措施落实', '县生态环境局', '', '长期坚持'],
    ],
    expected: [
      [['市卫生健康委员会'], ['市卫生健康委员会'].slice(1), '2020-06-30'],
      [['市自然资源局'], ['市城市管理局'], '2020-07-31'],
      [['市信访局'], ['市委政法委'], '2020-09-30'],
      [['市生态环境局'], [], null],
    ],
  },
  {
    name: 'dongcheng-bj-2024-04-22: 环境建设问题整改',
    format: 'xlsx',
    meetingDate: '2024-04-22',
    rows: [
      ['序号', '存在问题', '整改措施', '责任单位', '完成时限', '责任人'],
      ['1', '背街小巷环境问题', '研究制定2024年背街小巷精细化治理工作方案', '区城管委(牵头)、区住建委(配合)', '2024年5月31日', '王某'],
      ['2', null, '推进特色胡同建设、门前三包示范街建设', null, null, null],
      ['3', '违规三四轮车', '开展集中整治\n加强路面执法检查力度', '区公安分局', '2024年6月30日', '李某'],
    ],
    expected: [
      [['市城市管理局'], ['市住房和城乡建设局'], '2024-05-31'],
      [['市城市管理局'], ['市住房和城乡建设局'], '2024-05-31'],
      [['市公安局'], [], '2024-06-30'],
    ],
  },
  {
    name: 'linyi-zjj-2021-08-13: 局长办公会纪要事项',
    format: 'docx',
    meetingDate: '2021-08-13',
    rows: [
      ['序号', '会议事项', '具体任务', '责任单位', '时间节点'],
      ['1', '扶持建筑业骨干企业', '修改完善实施方案后尽快印发实施', '市住建局', '2021年8月底前'],
      ['2', '清洁取暖建设', '加强督导调度,加快工作进度,确保完工率大幅提升', '市住建局', '2021年8月31日'],
      ['3', '住建领域防汛', '对照责任分工,抓实抓细防汛各项工作', '市住建局、市应急局', '长期坚持'],
    ],
    expected: [
      [['市住房和城乡建设局'], [], '2021-08-31'],
      [['市住房和城乡建设局'], [], '2021-08-31'],
      [['市住房和城乡建设局'], ['市应急管理局'], null],
    ],
  },
  {
    name: 'xiangyin-2022-11-11: 县长碰头会任务分解',
    format: 'xlsx',
    meetingDate: '2022-11-11',
    rows: [
      ['湘阴县县长碰头会任务分解表'],
      ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '积极向上对接,做好争资争项工作', '县发改局', '县财政局', '2022年12月31日'],
      ['2', '抓好产业项目和基础设施项目建设,开展周调度', '县发改局', '县住建局、县工信局', '2022年12月31日'],
      ['3', '做好财税入库', '县财政局', '县税务局', '2022年12月20日'],
    ],
    expected: [
      [['市发展和改革委员会'], ['市财政局'], '2022-12-31'],
      [['市发展和改革委员会'], ['市住房和城乡建设局', '市工业和信息化局'], '2022-12-31'],
      [['市财政局'], ['市税务局'], '2022-12-20'],
    ],
  },
  {
    name: 'yima-2024-04-24: 常务会议议定事项',
    format: 'docx',
    meetingDate: '2024-04-24',
    rows: [
      ['序号', '议定事项', '责任单位', '完成时限'],
      ['1', '优化招商服务,为企业和项目提供“一条龙”“保姆式”服务', '市商务局', '2024年6月底前'],
      ['2', '超前治理夏季臭氧污染', '市生态环境局', '2024年5月31日'],
      ['3', '结合专项督察反馈问题抓好问题整改,建立长效机制', '市生态环境局', null],
      ['4', '制定重点产业链发展规划,明确发展目标', '市发改委、市工信局', '2024年7月31日'],
    ],
    expected: [
      [['市商务局'], [], '2024-06-30'],
      [['市生态环境局'], [], '2024-05-31'],
      [['市生态环境局'], [], '2024-05-31'],
      [['市发展和改革委员会'], ['市工业和信息化局'], '2024-07-31'],
    ],
  },
  {
    name: 'zaozhuang-zjj-2024-09-05: 大气污染防治整改',
    format: 'xlsx',
    meetingDate: '2024-09-05',
    rows: [
      ['序号', '问题', '整改措施', '牵头单位', '配合单位', '整改时限'],
      ['1', '工地扬尘治理不到位', '紧盯工地扬尘治理、道路施工、拆迁工地三个重点\n落实污染防治工作措施', '市住建局', '市生态环境局', '2024年10月31日'],
      ['2', null, '加大督导检查力度,强化精准执法', null, '市城管局', null],
      ['3', '建安投资数据填报不实', '抓实建安投资数据填报,做到应统尽统', '市住建局', '市统计局、市发改委', '2024年9月30日'],
    ],
    expected: [
      [['市住房和城乡建设局'], ['市生态环境局'], '2024-10-31'],
      [['市住房和城乡建设局'], ['市城市管理局'], '2024-10-31'],
      [['市住房和城乡建设局'], ['市统计局', '市发展和改革委员会'], '2024-09-30'],
    ],
  },
  {
    name: 'liulin-2024-03-05: 安全专题会议任务',
    format: 'docx',
    meetingDate: '2024-03-05',
    rows: [
      ['序号', '重点任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '扎实开展安全生产治本攻坚三年行动', '县应急局', '县消防救援大队', '2026年12月底前'],
      ['2', '精准全面治理隐患', '县应急局', '各专班牵头单位', '2024年3月31日'],
      ['3', '严格精准监管执法', '县应急局', null, '长期坚持'],
      ['4', '加强值班值守', '县政府办', '县应急局', '2024年3月15日'],
    ],
    expected: [
      [['市应急管理局'], ['市消防救援支队'], '2026-12-31'],
      [['市应急管理局'], [], '2024-03-31'],
      [['市应急管理局'], [], null],
      [['市政府办公室'], ['市应急管理局'], '2024-03-15'],
    ],
  },
  {
    name: 'huoshan-land-2022-03-16: 自然资源和规划重点任务',
    format: 'xlsx',
    meetingDate: '2022-03-16',
    rows: [
      ['霍山县2022年自然资源和规划重点工作任务分解表'],
      ['序号', '工作任务', '责任单位', '完成时间'],
      ['1', '坚决遏制耕地“非农化”,强化永久基本农田特殊保护', '县自然资源局、县农业农村局', '2022年12月31日'],
      ['2', '加快编制国土空间总体规划', '县自然资源局', '2022年6月'],
      ['3', '切实加强地质灾害防治', '县自然资源局、县应急局', '2022年5月31日'],
    ],
    expected: [
      [['市自然资源局'], ['市农业农村局'], '2022-12-31'],
      [['市自然资源局'], [], '2022-06-30'],
      [['市自然资源局'], ['市应急管理局'], '2022-05-31'],
    ],
  },
  {
    name: 'chaoyang-bj-2024-04-29: 市容环境工作',
    format: 'docx',
    meetingDate: '2024-04-29',
    rows: [
      ['序号', '工作内容', '牵头单位', '配合单位', '时限'],
      ['1', '强化综合执法检查,开展专项治理、持续治理', '区城管执法局', '区市场监管局', '2024年6月30日'],
      ['2', '有序开展嘉宾邀请、会务组织、氛围营造等工作', '区商务局', '区政府办', '2024年5月20日'],
      ['3', '推动投资项目加快落地', '区发改委', '区商务局', '2024年12月31日'],
    ],
    expected: [
      [['市城市管理局'], ['市市场监督管理局'], '2024-06-30'],
      [['市商务局'], ['市政府办公室'], '2024-05-20'],
      [['市发展和改革委员会'], ['市商务局'], '2024-12-31'],
    ],
  },
  {
    name: 'shayang-land-08-01: 耕地流出问题整改(繁体)',
    format: 'xlsx',
    meetingDate: '2024-08-01',
    rows: [
      ['序號', '問題', '整改措施', '牽頭單位', '配合單位', '完成時限'],
      ['1', '耕地流出', '根據流出耕地的排查底數,對符合舉證的地塊做到應舉盡舉', '縣自然資源局', '縣農業農村局', '2024年9月30日'],
      ['2', null, '充分利用廣播電視、報紙、網絡等媒體開展宣傳活動', '縣委宣傳部', '縣自然資源局', '2024年8月31日'],
      ['3', '工業集中區規模論證', '系統推進沈集、五里工業集中區規模論證', '縣自然資源局', '縣發改局', '2024年12月底前'],
    ],
    expected: [
      [['市自然资源局'], ['市农业农村局'], '2024-09-30'],
      [['市委宣传部'], ['市自然资源局'], '2024-08-31'],
      [['市自然资源局'], ['市发展和改革委员会'], '2024-12-31'],
    ],
  },
];

/** Grid slots covered by a merged cell (null) take the text of the cell above, as a loader repeats it. */
function flatten(rows: (string | null)[][]): TableRows {
  const out: TableRows = [];
  rows.forEach((row, r) => out.push(row.map((c, k) => c ?? out[r - 1]?.[k] ?? '')));
  return out;
}

async function docxOf(spec: Spec): Promise<Uint8Array> {
  const width = Math.max(...spec.rows.map((r) => r.length));
  const body = spec.rows.filter((r) => r.length === width);
  const title = spec.rows.filter((r) => r.length !== width).map((r) => new Paragraph(r[0] ?? ''));
  const rows = body.map(
    (row, r) =>
      new TableRow({
        children: row.flatMap((cell, k) => {
          if (cell === null) return [];
          let span = 1;
          while (body[r + span]?.[k] === null) span += 1;
          return [new TableCell({ rowSpan: span, children: cell.split('\n').map((line) => new Paragraph(line)) })];
        }),
      }),
  );
  const doc = new Document({ sections: [{ children: [...title, new Table({ rows })] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function xlsxOf(spec: Spec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('任务');
  spec.rows.forEach((row) => ws.addRow(row.map((c) => c ?? '')));
  spec.rows.forEach((row, r) =>
    row.forEach((cell, k) => {
      if (cell === null || spec.rows[r + 1]?.[k] !== null) return;
      let end = r + 1;
      while (spec.rows[end + 1]?.[k] === null) end += 1;
      ws.mergeCells(r + 1, k + 1, end + 1, k + 1);
    }),
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
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

  it('turns the rows of ten .docx and .xlsx tables into directives: every row, its lead, co-units and deadline', async () => {
    let rows = 0;
    let found = 0;
    let leadOk = 0;
    let deadlineOk = 0;
    for (const spec of SPECS) {
      const bytes = spec.format === 'docx' ? await docxOf(spec) : await xlsxOf(spec);
      const tables = spec.format === 'docx' ? await docxTables(bytes) : await xlsxTables(bytes);
      expect(tables, spec.name).toHaveLength(1);
      const grid = tables[0] as TableRows;
      const got = directivesFromTable(grid, { meetingDate: spec.meetingDate });
      rows += spec.expected.length;
      found += Math.min(got.directives.length, spec.expected.length);
      spec.expected.forEach(([lead, co, date], k) => {
        const d = got.directives[k];
        if (d && JSON.stringify(d.lead) === JSON.stringify(lead) && JSON.stringify(d.co) === JSON.stringify(co)) leadOk += 1;
        else console.log(spec.name, k, d?.lead, d?.co, lead, co);
        if (d && (d.deadline?.date ?? null) === date) deadlineOk += 1;
        else console.log(spec.name, k, d?.deadline, date);
      });
      expect(
        got.directives.every((d) => d.title.length <= 30 && d.lead_explicit),
        spec.name,
      ).toBe(true);
    }
    expect(rows).toBeGreaterThanOrEqual(30);
    expect(found / rows).toBeGreaterThanOrEqual(0.98);
    expect(leadOk / rows).toBeGreaterThanOrEqual(0.95);
    expect(deadlineOk / rows).toBeGreaterThanOrEqual(0.95);
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
});
