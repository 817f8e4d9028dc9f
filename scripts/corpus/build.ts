// npx tsx scripts/corpus/build.ts CANDIDATES [ANNOTATIONS] [--review]
// Adds readouts to test/fixtures/corpus/readouts from a candidates file:
//   === <id> | <source URL> | <city> | <province> | <admin level> | <meeting type as named> | <type> | <date or -> | <date note> | <script> | <truncated 0/1>
//   <readout text as published, navigation and footers removed>
// Every candidate is checked against heldout-exclude.json first (normalised URL and first 60 characters) and left
// out on a match. A truncated excerpt is cut at its last complete sentence unit (GUIDELINES §1).
// Gold starts from the extractor's reading of each unit and takes the annotator's decisions from ANNOTATIONS, one
// line per unit: `<id> <unit#> dir=0|1 kind=T|E topic=<topic> lead=<a>+<b> exp=0|1 dl=<phrase>@<date>|- alt=…`.
// level/parent always follow §5 from the final directive set; an exhortation keeps a lead only when explicit.
// --review prints every unit with its current label so that the annotator can write ANNOTATIONS.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractReadout } from '../../src/extract/extract.js';
import { placeDirectives } from '../../src/extract/structure.js';
import { TOPICS, type ExtractedDirective } from '../../src/extract/types.js';
import { isNumbered, splitUnits, type SentenceUnit } from '../../src/extract/units.js';
import { heldOutReason, type Exclusions } from './gold.js';

const base = fileURLToPath(new URL('../../test/fixtures/corpus/', import.meta.url));
const out = `${base}readouts/`;
const exclusions = JSON.parse(readFileSync(`${base}heldout-exclude.json`, 'utf8')) as Exclusions;

interface Candidate {
  id: string;
  source: string;
  city: string;
  province: string;
  admin_level: string;
  meeting_type: string;
  type: string;
  meeting_date: string | null;
  meeting_date_note: string;
  script: string;
  truncated: boolean;
  text: string;
}

function parseCandidates(raw: string): Candidate[] {
  const list: Candidate[] = [];
  for (const block of raw.split(/^=== /m).slice(1)) {
    const nl = block.indexOf('\n');
    const f = block
      .slice(0, nl)
      .split('|')
      .map((s) => s.trim());
    if (f.length !== 11) throw new Error(`bad header: ${block.slice(0, nl)}`);
    const [id, source, city, province, admin, mtype, type, date, note, script, trunc] = f as string[] as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const text = block.slice(nl + 1).replace(/\s+$/, '') + '\n';
    list.push({
      id,
      source,
      city,
      province,
      admin_level: admin,
      meeting_type: mtype,
      type,
      meeting_date: date === '-' ? null : date,
      meeting_date_note: note,
      script,
      truncated: trunc === '1',
      text,
    });
  }
  return list;
}

/** §1: an excerpt that stops mid-sentence ends at its last complete unit. */
export function cutAtLastUnit(text: string): string {
  const body = text.replace(/\s+$/, '');
  const m = /[。！？；!?;][”’」』]*(?=[^。！？；!?;]*$)/u.exec(body);
  const lastLineBreak = body.lastIndexOf('\n');
  if (!m) return body + '\n';
  const end = m.index + m[0].length;
  // A paragraph break after the last terminator closes a unit too (a title line, a finished paragraph).
  return (end > lastLineBreak ? body.slice(0, end) : body.slice(0, lastLineBreak)).replace(/\s+$/, '') + '\n';
}

interface Override {
  dir?: boolean;
  kind?: 'task' | 'exhortation';
  topic?: string;
  lead?: string[];
  exp?: boolean;
  dl?: { phrase: string; date: string | null } | null;
  alt?: { phrase: string; date: string | null }[];
}

function parseDeadline(v: string): { phrase: string; date: string | null } {
  const [phrase, date] = v.split('@') as [string, string | undefined];
  return { phrase, date: date && date !== 'null' ? date : null };
}

function parseAnnotations(raw: string): Map<string, Map<number, Override>> {
  const all = new Map<string, Map<number, Override>>();
  for (const line of raw
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))) {
    const [id, k, ...fields] = line.split(/\s+/) as [string, string, ...string[]];
    const doc = all.get(id) ?? new Map<number, Override>();
    const o = doc.get(Number(k)) ?? {};
    for (const f of fields) {
      const eq = f.indexOf('=');
      const key = f.slice(0, eq);
      const v = f.slice(eq + 1);
      if (key === 'dir') o.dir = v === '1';
      else if (key === 'kind') o.kind = v === 'T' ? 'task' : 'exhortation';
      else if (key === 'topic') {
        if (!(TOPICS as readonly string[]).includes(v)) throw new Error(`${line}: bad topic`);
        o.topic = v;
      } else if (key === 'lead') o.lead = v ? v.split('+') : [];
      else if (key === 'exp') o.exp = v === '1';
      else if (key === 'dl') o.dl = v === '-' ? null : parseDeadline(v);
      else if (key === 'alt') o.alt = v.split('+').map(parseDeadline);
      else throw new Error(`${line}: unknown field ${key}`);
    }
    doc.set(Number(k), o);
    all.set(id, doc);
  }
  return all;
}

interface Row {
  unit: SentenceUnit;
  k: number;
  pred: ExtractedDirective | undefined;
}

function rows(text: string, date: string | null): Row[] {
  // Rules only: the gold must not lean on a model trained on the gold.
  const r = extractReadout(text, { meetingDate: date, model: null });
  return splitUnits(text).map((unit, k) => ({ unit, k, pred: r.directives.find((d) => d.start === unit.start) }));
}

/** Labels of a unit the extractor did not take as a directive: its reading of the unit alone. */
function alone(unit: SentenceUnit, date: string | null): ExtractedDirective | undefined {
  return extractReadout(unit.text, { meetingDate: date, model: null }).directives[0];
}

function gold(c: Candidate, text: string, ann: Map<number, Override>) {
  const list: { row: Row; o: Override; base: ExtractedDirective | undefined }[] = [];
  for (const row of rows(text, c.meeting_date)) {
    const o = ann.get(row.k) ?? {};
    const isDir = o.dir ?? row.pred !== undefined;
    if (isDir) list.push({ row, o, base: row.pred ?? alone(row.unit, c.meeting_date) });
  }
  const order = new Map(splitUnits(text).map((u, k) => [u.start, k]));
  const dirStarts = new Set(list.map((x) => x.row.unit.start));
  const others = splitUnits(text)
    .filter((u) => !dirStarts.has(u.start) && isNumbered(u.text))
    .map((u) => ({ para: u.para, order: order.get(u.start) ?? 0 }));
  const places = placeDirectives(
    list.map((x) => ({ para: x.row.unit.para, text: x.row.unit.text, order: x.row.k })),
    others,
  );
  return list.map(({ row, o, base }, i) => {
    const kind = o.kind ?? base?.kind ?? 'task';
    const explicit = o.exp ?? base?.lead_explicit ?? false;
    let lead = o.lead ?? base?.lead.slice(0, 3) ?? [];
    if (kind === 'exhortation' && !explicit && o.lead === undefined) lead = [];
    const deadline = o.dl !== undefined ? o.dl : base?.deadline ? { phrase: base.deadline.phrase, date: base.deadline.date } : null;
    const alt = o.alt ?? (o.dl !== undefined ? [] : (base?.deadline_alt ?? []).map((d) => ({ phrase: d.phrase, date: d.date })));
    const place = places[i] ?? { level: 1, parent: null };
    return {
      i,
      text: row.unit.text,
      kind,
      level: place.level,
      parent: place.parent,
      topic: o.topic ?? base?.topic ?? '其他',
      lead,
      explicit,
      deadline,
      ...(alt.length ? { deadline_alt: alt } : {}),
      ...(explicit && base?.lead_text.length ? { lead_text: base.lead_text } : {}),
      start: row.unit.start,
    };
  });
}

function main(): void {
  const [candPath, annPath] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!candPath) throw new Error('usage: build.ts CANDIDATES [ANNOTATIONS] [--review]');
  const review = process.argv.includes('--review');
  const annotations = annPath ? parseAnnotations(readFileSync(annPath, 'utf8')) : new Map<string, Map<number, Override>>();
  for (const c of parseCandidates(readFileSync(candPath, 'utf8'))) {
    const why = heldOutReason(c.source, c.text, exclusions);
    if (why) {
      console.log(`SKIP ${c.id}: ${why}`);
      continue;
    }
    const text = c.truncated ? cutAtLastUnit(c.text) : c.text;
    if (review) {
      console.log(`\n## ${c.id} (${c.meeting_date ?? 'no date'})`);
      for (const r of rows(text, c.meeting_date)) {
        const p = r.pred;
        const o = annotations.get(c.id)?.get(r.k);
        const tag = p
          ? `${p.kind === 'task' ? 'T' : 'E'} ${p.topic} [${p.lead.slice(0, 3).join('+')}${p.lead_explicit ? '!' : ''}]${p.deadline ? ` dl=${p.deadline.phrase}@${p.deadline.date}` : ''}`
          : '-';
        console.log(`${String(r.k).padStart(3)} p${r.unit.para} ${tag}${o ? ' *' : ''} | ${r.unit.text}`);
      }
      continue;
    }
    const meta = {
      id: c.id,
      source: c.source,
      title: splitUnits(text)[0]?.text ?? null,
      title_source: 'first line of the excerpt',
      meeting_date: c.meeting_date,
      meeting_date_note: c.meeting_date_note,
      city: c.city,
      province: c.province,
      admin_level: c.admin_level,
      meeting_type: c.meeting_type,
      type: c.type,
      script: c.script,
      truncated: c.truncated,
      split: 'dev',
      edits: ['site navigation, bylines, share buttons, image captions and footers removed', 'runs of blank lines / leading indentation normalised; body text otherwise verbatim'],
    };
    const g = {
      id: c.id,
      source: c.source,
      title: meta.title,
      meeting_date: c.meeting_date,
      script: c.script,
      guidelines_version: 1,
      directives: gold(c, text, annotations.get(c.id) ?? new Map()),
    };
    writeFileSync(`${out}${c.id}.txt`, text);
    writeFileSync(`${out}${c.id}.meta.json`, JSON.stringify(meta, null, 1) + '\n');
    writeFileSync(`${out}${c.id}.gold.json`, JSON.stringify(g, null, 1) + '\n');
    console.log(`${c.id}: ${g.directives.length} directives`);
  }
}

main();
