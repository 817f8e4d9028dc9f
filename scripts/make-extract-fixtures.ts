// Generates the binary fixtures of src/extract/load/fixtures once (they are committed; tests never run this):
//   npx tsx scripts/make-extract-fixtures.ts [font.ttc]
// The .docx is written with the docx package, the .pdf with pdfkit and a CJK font (default: WenQuanYi Micro Hei,
// Debian package fonts-wqy-microhei). Text fixtures in other encodings are written by Python, which has the codecs:
//   python3 -c "import sys;t=open(sys.argv[1],encoding='utf-8').read();open(sys.argv[2],'wb').write(t.encode('gb18030'))" IN OUT
//   python3 -c "import sys;t=open(sys.argv[1],encoding='utf-8').read();open(sys.argv[2],'wb').write(t.encode('utf-16'))" IN OUT
//   python3 -c "import sys;t=open(sys.argv[1],encoding='utf-8').read();open(sys.argv[2],'wb').write(t.encode('utf-16-be'))" IN OUT
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

const dir = fileURLToPath(new URL('../src/extract/load/fixtures/', import.meta.url));
const font = process.argv[2] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const lines = readFileSync(join(dir, 'short-readout.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim());

const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
writeFileSync(join(dir, 'short-readout.docx'), await Packer.toBuffer(doc));

const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { CreationDate: new Date(0) } });
pdf.pipe(createWriteStream(join(dir, 'short-readout.pdf')));
pdf.font(font, 'WenQuanYiMicroHei').fontSize(12);
for (const l of lines) pdf.text(l, { paragraphGap: 8 });
pdf.end();
