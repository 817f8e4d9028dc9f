import { AlignmentType, BorderStyle, Document, Footer, Packer, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';

/*
 * A 公文 laid out per GB/T 9704-2012《党政机关公文格式》: A4; 天头 37 mm, 订口 28 mm, bottom 35 mm, right 26 mm;
 * 发文机关标志 in red 小标宋 centred, 发文字号 〔2026〕N号 under it above a red line; title in 2号小标宋; 主送;
 * body in 3号仿宋 at 22 lines of 28 characters; 一级标题 黑体, 二级标题 楷体; 署名 and 成文日期 right; 版记 with
 * 抄送 and 印发机关/印发日期 between rules; page numbers 4号 — 1 —. Fonts are named as offices expect; where
 * they are missing, LibreOffice substitutes through fontconfig (the Noto CJK fonts on a Debian server).
 */

export const FONTS = { title: '方正小标宋简体', body: '仿宋_GB2312', heading1: '黑体', heading2: '楷体_GB2312' } as const;

export interface OfficialModel {
  /** 发文机关标志, e.g. 示范市委督查室 (shown in red). */
  readonly issuer: string;
  /** 发文字号, e.g. 督函〔2026〕3号. */
  readonly number: string;
  readonly title: string;
  /** 主送机关, without the colon. */
  readonly recipient: string;
  /** Body paragraphs; a paragraph starting with 一、 二、 … is a level-1 heading, （一） … level 2. */
  readonly body: readonly string[];
  /** 署名. */
  readonly signature: string;
  /** 成文日期 as YYYY-MM-DD; written 2026年3月2日. */
  readonly date: string;
  readonly cc: readonly string[];
  /** 印发机关 and 印发日期 (YYYY-MM-DD). */
  readonly printedBy: string;
  readonly printedOn: string;
}

const MM = 56.7; // twips per millimetre
const LINE = 579; // 28.95 pt: 22 lines on the 225 mm text block
const RED = 'FF0000';

const run = (text: string, font: string, halfPoints: number, extra: Partial<IRunOptions> = {}): TextRun =>
  new TextRun({ text, font: { eastAsia: font, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: halfPoints, ...extra });

/** 2026-03-02 → 2026年3月2日 (Arabic numerals, as GB/T 9704 asks for 成文日期). */
export function chineseDate(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

function bodyParagraph(text: string): Paragraph {
  const level1 = /^[一二三四五六七八九十]+、/.test(text);
  const level2 = /^（[一二三四五六七八九十]+）/.test(text);
  const font = level1 ? FONTS.heading1 : level2 ? FONTS.heading2 : FONTS.body;
  return new Paragraph({ indent: { firstLine: 640 }, spacing: { line: LINE, lineRule: 'exact' }, alignment: AlignmentType.JUSTIFIED, children: [run(text, font, 32)] });
}

/** The .docx of a 公文. */
export async function officialDocx(m: OfficialModel): Promise<Buffer> {
  const exact = { line: LINE, lineRule: 'exact' as const };
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, line: 1000, lineRule: 'exact' }, children: [run(m.issuer, FONTS.title, 72, { color: RED })] }),
    new Paragraph({ spacing: exact, children: [] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exact,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
      children: [run(m.number, FONTS.body, 32)],
    }),
    new Paragraph({ spacing: exact, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: 'exact' }, children: [run(m.title, FONTS.title, 44)] }),
    new Paragraph({ spacing: exact, children: [] }),
    new Paragraph({ spacing: exact, children: [run(`${m.recipient}：`, FONTS.body, 32)] }),
    ...m.body.map(bodyParagraph),
    new Paragraph({ spacing: exact, children: [] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: exact, children: [run(m.signature, FONTS.body, 32)] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: exact, children: [run(chineseDate(m.date), FONTS.body, 32)] }),
    new Paragraph({ spacing: exact, children: [] }),
    // 版记: 抄送 and 印发 between black rules.
    ...(m.cc.length
      ? [
          new Paragraph({
            indent: { left: 320, right: 320 },
            spacing: exact,
            border: { top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 } },
            children: [run(`抄送：${m.cc.join('，')}。`, FONTS.body, 28)],
          }),
        ]
      : []),
    new Paragraph({
      indent: { left: 320, right: 320 },
      spacing: exact,
      tabStops: [{ type: 'right', position: 9000 }],
      border: { top: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 4 }, bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 4 } },
      children: [run(m.printedBy, FONTS.body, 28), run(`\t${chineseDate(m.printedOn)}印发`, FONTS.body, 28)],
    }),
  ];
  const doc = new Document({
    creator: 'Luoshi 落实',
    title: m.title,
    styles: { default: { document: { run: { font: { eastAsia: FONTS.body, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(28 * MM) - 1000 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [run('— ', FONTS.body, 28), new TextRun({ children: [PageNumber.CURRENT], size: 28 }), run(' —', FONTS.body, 28)],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
