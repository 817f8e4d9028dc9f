import { addWorkingDays as calendarAddWorkingDays } from '../domain/calendar.js';
import type { LocalDate } from '../domain/ids.js';
import { DEFAULT_CATALOGUE, departmentIndex, type DepartmentIndex } from './catalogue.js';
import { lastDayOfMonth, ymd } from './dates.js';
import { isLocalDate } from '../domain/time.js';
import { readDeadlines } from './deadline.js';
import { extractReadout } from './extract.js';
import { rules } from './rules.js';
import { toSimplifiedSameLength } from './script.js';
import { segment } from './segment.js';
import { ledgerTitle } from './title.js';
import type { DeadlineResult, DepartmentCatalogue, Topic } from './types.js';

/**
 * Task tables (整改方案, 任务分解表): a header row (序号 / 问题 / 整改措施 / 责任单位 / 完成时限 / 责任人, in any order
 * and wording) and one task per row. Each row becomes a directive with its named lead, co-units and deadline —
 * explicit by construction, since the table names them. Pure: the loaders (load/table-*.ts) give the cells.
 */

export type ColumnRole = 'seq' | 'problem' | 'measure' | 'lead' | 'co' | 'deadline' | 'person';

const HEADERS: [ColumnRole, RegExp][] = [
  ['seq', /^(?:序号|编号|序)$/],
  ['co', /配合|协办|协同|参与单位|协助/],
  ['lead', /牵头|责任单位|责任部门|主责单位|承办单位|主办单位|落实单位|责任主体/],
  ['deadline', /时限|完成时间|时间节点|截止|完成期限|办结时间/],
  ['person', /责任人|负责人|责任领导|分管领导|联系人/],
  ['measure', /措施|任务|工作内容|具体内容|目标|举措|工作要求|整改内容|整改要求/],
  ['problem', /问题|事项|反馈意见/],
];

/** The role of each column of a header row, or null when the row is not a task-table header. */
export function headerRoles(row: readonly string[]): (ColumnRole | null)[] | null {
  const roles = row.map((cell) => {
    const c = toSimplifiedSameLength(cell.replace(/\s+/g, ''));
    if (!c || c.length > 12) return null;
    return HEADERS.find(([, re]) => re.test(c))?.[0] ?? null;
  });
  const has = (r: ColumnRole): boolean => roles.includes(r);
  return (has('measure') || has('problem')) && (has('lead') || has('deadline')) ? roles : null;
}

/** One task of a table. */
export interface TableDirective {
  /** 0-based among the table's tasks. */
  i: number;
  /** Row index in the table as loaded (header included). */
  row: number;
  seq: string | null;
  problem: string | null;
  /** The task itself (the measure column, else the problem), line breaks of a multi-line cell kept. */
  text: string;
  /** The columns `text` was read from (this row's own cells; empty when it was carried from a row above). */
  textCols: number[];
  title: string;
  kind: 'task';
  topic: Topic;
  lead: string[];
  lead_explicit: true;
  lead_text: string[];
  co: string[];
  /** The co-units as the table writes them, parallel to `co`. */
  co_text: string[];
  deadline: DeadlineResult | null;
  ongoing: boolean;
}

export interface TableExtraction {
  /** Rows before the header row (a title line) are skipped; -1 when no header was found. */
  headerRow: number;
  roles: (ColumnRole | null)[];
  directives: TableDirective[];
  notes: string[];
}

export interface TableOptions {
  meetingDate?: LocalDate | null;
  catalogue?: DepartmentCatalogue;
}

const SPLIT_UNITS = /[、,，;；\n/／]+|\s{2,}/;
const LEAD_MARK = /[(（]\s*牵头\s*[)）]|牵头$/;
const CO_MARK = /[(（]\s*配合\s*[)）]|配合$/;
const ONGOING = /长期|持续|常态|立行立改|久久为功|动态/;

/**
 * Read the tasks of a table given as rows of cell texts (merged cells repeated into every cell they cover by the
 * loader; a cell left empty under a filled one in the lead, co-unit, deadline or problem column takes the value
 * above it, which is how a merged cell looks once flattened).
 */
export function directivesFromTable(rows: readonly (readonly string[])[], options: TableOptions = {}): TableExtraction {
  const notes: string[] = [];
  let headerRow = -1;
  let roles: (ColumnRole | null)[] = [];
  for (let k = 0; k < Math.min(rows.length, 6); k += 1) {
    const r = headerRoles(rows[k] as string[]);
    if (r) {
      headerRow = k;
      roles = r;
      break;
    }
  }
  if (headerRow < 0) return { headerRow, roles, directives: [], notes: ['no task-table header (问题/整改措施 with 责任单位 or 完成时限) found'] };
  const col = (role: ColumnRole): number[] => roles.flatMap((r, k) => (r === role ? [k] : []));
  const index = departmentIndex(options.catalogue ?? DEFAULT_CATALOGUE);
  const carried: Partial<Record<ColumnRole, string>> = {};
  const out: TableDirective[] = [];
  for (let k = headerRow + 1; k < rows.length; k += 1) {
    const row = rows[k] as string[];
    // A repeated header (tables split over pages) or a section line (一、营商环境, one cell across the width) is no
    // task, and carries nothing down to the rows under it.
    if (headerRoles(row) || sectionLine(row)) continue;
    const cell = (role: ColumnRole): string =>
      col(role)
        .map((c) => (row[c] ?? '').trim())
        .filter(Boolean)
        .join('\n');
    const ownLead = cell('lead') !== '';
    const value = (role: ColumnRole): string => {
      const v = cell(role);
      if (v) carried[role] = v;
      // A row naming its own lead does not inherit the co-units of the rows above.
      if (role === 'seq' || role === 'measure' || (role === 'co' && ownLead)) return v;
      return v || (carried[role] ?? '');
    };
    const measure = value('measure');
    const problem = value('problem');
    const text = measure || problem;
    if (!text || (!cell('lead') && !cell('deadline') && !measure && row.filter((c) => c.trim()).length <= 1)) continue;
    const { lead, co, leadText, coText } = units(value('lead'), value('co'), index);
    const own = (role: ColumnRole): number[] => col(role).filter((c) => (row[c] ?? '').trim() !== '');
    const textCols = measure ? own('measure') : own('problem');
    const deadlineCell = value('deadline');
    const dl = readCellDeadline(deadlineCell, options.meetingDate ?? null);
    // A row is an instruction by construction; read it as one (会议要求,要…。) so that the topic rules and heads apply.
    const one = extractReadout(`会议要求,要${text.replace(/\n/g, ',')}。`, { meetingDate: options.meetingDate ?? null }).directives[0];
    out.push({
      i: out.length,
      row: k,
      seq: cell('seq') || null,
      problem: problem && measure ? problem : null,
      text,
      textCols,
      title: ledgerTitle(text.split('\n').find((l) => l.trim()) ?? text),
      kind: 'task',
      topic: one?.topic ?? '其他',
      lead,
      lead_explicit: true,
      lead_text: leadText,
      co,
      co_text: coText,
      deadline: dl.deadline,
      ongoing: dl.ongoing,
    });
    if (value('lead') && lead.length === 0) notes.push(`row ${k}: no catalogue unit in "${value('lead').slice(0, 40)}"`);
  }
  return { headerRow, roles, directives: out, notes };
}

const SECTION = /^(?:[一二三四五六七八九十百]+|[(（][一二三四五六七八九十]+[)）])[、.．]?/;

/** One text across the row (a merged cell repeated into every slot), or a numbered section heading alone. */
function sectionLine(row: readonly string[]): boolean {
  const filled = row.map((c) => c.trim()).filter(Boolean);
  const distinct = new Set(filled);
  return distinct.size === 1 && (filled.length >= 2 || SECTION.test(filled[0] as string));
}

function resolve(name: string, index: DepartmentIndex): string | null {
  const simp = toSimplifiedSameLength(name);
  const hit = index.forms.findLongest(segment(simp))[0];
  return hit ? hit.payload : null;
}

/** Lead and co-units of a row: 牵头 column (or the first of a 责任单位 list, unless marked) and 配合 column. */
function units(leadCell: string, coCell: string, index: DepartmentIndex): { lead: string[]; co: string[]; leadText: string[]; coText: string[] } {
  const lead: string[] = [];
  const co: string[] = [];
  const leadText: string[] = [];
  const coText: string[] = [];
  const parts = leadCell
    .split(SPLIT_UNITS)
    .map((p) => p.trim())
    .filter(Boolean);
  const marked = parts.some((p) => LEAD_MARK.test(p) || CO_MARK.test(p));
  parts.forEach((p) => {
    const bare = p.replace(LEAD_MARK, '').replace(CO_MARK, '').trim();
    const name = resolve(bare, index);
    if (!name) return;
    // In a 责任单位 list the first is the lead and the rest assist, unless the cell marks 牵头/配合 itself.
    const isLead = marked ? !CO_MARK.test(p) : lead.length === 0 || coCell !== '';
    if (isLead && !lead.includes(name)) {
      lead.push(name);
      leadText.push(bare);
    } else if (!isLead && !co.includes(name)) {
      co.push(name);
      coText.push(bare);
    }
  });
  for (const p of coCell
    .split(SPLIT_UNITS)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const name = resolve(p, index);
    if (name && !lead.includes(name) && !co.includes(name)) {
      co.push(name);
      coText.push(p);
    }
  }
  return { lead, co, leadText, coText };
}

const FULL_DATE = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?/;
const YEAR_MONTH = /(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末)?/;

/** A deadline cell is a deadline by position: plain dates (2024年6月30日, 2024.6.30, 2024年9月) count too. */
export function readCellDeadline(cell: string, meeting: LocalDate | null): { deadline: DeadlineResult | null; ongoing: boolean } {
  const text = cell.trim();
  if (!text) return { deadline: null, ongoing: false };
  const r = rules();
  const simp = toSimplifiedSameLength(text);
  const read = readDeadlines(text, simp, { meeting, campaignStart: null, addWorkingDays: calendarAddWorkingDays, festivals: r.festivals }, r);
  const full = FULL_DATE.exec(text);
  const ym = YEAR_MONTH.exec(text);
  // A full date is more precise than any phrase found around it (2024年6月30日前 → that day).
  if (full) {
    const date = ymd(Number(full[1]), Number(full[2]), Number(full[3]));
    if (isLocalDate(date)) return { deadline: { phrase: full[0].trim(), date }, ongoing: false };
  }
  if (read.deadline) return { deadline: read.deadline, ongoing: read.ongoing };
  if (ym) {
    const [y, m] = [Number(ym[1]), Number(ym[2])];
    const date = m >= 1 && m <= 12 ? ymd(y, m, lastDayOfMonth(y, m)) : null;
    if (date) return { deadline: { phrase: ym[0], date }, ongoing: false };
  }
  return { deadline: null, ongoing: ONGOING.test(simp) || read.ongoing };
}
