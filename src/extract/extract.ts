import { addWorkingDays as calendarAddWorkingDays } from '../domain/calendar.js';
import { DomainError } from '../domain/errors.js';
import type { LocalDate } from '../domain/ids.js';
import { isLocalDate } from '../domain/time.js';
import { viewUnit, type UnitView } from './analysis.js';
import { DEFAULT_CATALOGUE, departmentIndex, type DepartmentIndex } from './catalogue.js';
import { readDeadlines } from './deadline.js';
import { isDirective } from './directive.js';
import { readKind } from './kind.js';
import { findMentions, readLeads } from './lead.js';
import { findMeetingDate, findTitle, headingParagraphs } from './meeting.js';
import { rules, type Rules } from './rules.js';
import { detectScript, toSimplifiedSameLength } from './script.js';
import { placeDirectives, type Place } from './structure.js';
import { chooseTopic } from './topic.js';
import type { DepartmentCatalogue, ExtractedDirective, ReadoutExtraction, Topic } from './types.js';
import { isNumbered, splitUnits, type SentenceUnit } from './units.js';
import { campaignStarts, commandResolver } from './context.js';

export interface ExtractOptions {
  /** The meeting date, when the caller knows it (overrides a date found in the text). Deadlines resolve against it. */
  meetingDate?: LocalDate | null;
  /** The city's own department catalogue; defaults to the one Luoshi ships. */
  catalogue?: DepartmentCatalogue;
  /** Working-day arithmetic for N个工作日内; defaults to the official calendar of src/domain/calendar.ts. */
  addWorkingDays?: (start: LocalDate, n: number) => LocalDate;
  /** Refuse texts longer than this many characters (default 2,000,000: a readout is rarely 1% of that). */
  maxChars?: number;
}

export const DEFAULT_MAX_CHARS = 2_000_000;
/** A "sentence" longer than this is not one (a table, a PDF without line breaks): it is skipped, with a note. */
export const MAX_UNIT_CHARS = 3000;
const FALLBACK_TOPIC: Topic = '党的建设与干部作风';

/**
 * Extract the directives (部署事项) of a meeting readout: sentence units, directive test, kind, outline level and
 * parent, topic, lead and co-units, deadline, plus the meeting's title and date when the text states them.
 * Pure: the text comes in, the result goes out; every `text` is a verbatim slice of `text` at [start, end).
 *
 * @throws DomainError `readout_too_large` when the text is longer than `maxChars`;
 *   `validation_failed` when `meetingDate` is not a real `YYYY-MM-DD` date.
 */
export function extractReadout(text: string, options: ExtractOptions = {}): ReadoutExtraction {
  validate(text, options);
  const r = rules();
  const index = departmentIndex(options.catalogue ?? DEFAULT_CATALOGUE);
  const simp = toSimplifiedSameLength(text);
  const units = splitUnits(text);
  const headings = headingParagraphs(units);
  const meeting = options.meetingDate ?? findMeetingDate(units, headings);
  const notes: string[] = [];
  const body = units.filter((u) => u.para >= headings);
  const found = findDirectives(body.filter((u) => u.text.length <= MAX_UNIT_CHARS), simp, r);
  const skipped = body.length - found.all.length;
  if (skipped > 0) notes.push(`${skipped} passage(s) longer than ${MAX_UNIT_CHARS} characters without a sentence end were skipped`);
  const ctx: DocContext = {
    r,
    index,
    meeting,
    command: commandResolver(simp, index),
    starts: campaignStarts(simp, meeting),
    workingDays: options.addWorkingDays ?? calendarAddWorkingDays,
  };
  const places = placeDirectives(
    found.list.map((d) => ({ para: d.unit.para, text: d.unit.text, order: d.order })),
    found.numberedOthers,
  );
  const out: ExtractedDirective[] = [];
  let agenda: { topic: Topic; order: number } | null = null;
  for (const item of found.all) {
    if (!item.directive) {
      const t = agendaTopic(item.view, r);
      if (t) agenda = { topic: t, order: item.order };
      continue;
    }
    const i = out.length;
    const prev = out[i - 1];
    const samePara = prev && prev.para === item.unit.para ? prev.topic : null;
    // An agenda line (会议研究了X) speaks for the directives after it until another paragraph's directive intervenes.
    const fresh = agenda && (!prev || agenda.order > (found.list[i - 1]?.order ?? -1)) ? agenda.topic : null;
    out.push(readDirective(item.view, i, places[i] ?? { level: 1, parent: null }, samePara ?? fresh, ctx));
  }
  if (meeting === null && out.some((d) => d.deadline)) {
    notes.push('meeting date not stated in the text: deadline dates are left empty (pass the date to resolve them)');
  }
  if (out.some((d) => [d.deadline, ...d.deadline_alt].some((x) => x?.note === 'calendar_not_covered'))) {
    notes.push('a working-day deadline falls in a year the official calendar does not cover: its date is left empty');
  }
  return {
    document: { title: findTitle(units, headings), meeting_date: meeting, script: detectScript(text, simp) },
    directives: out,
    notes,
  };
}

function validate(text: string, options: ExtractOptions): void {
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  if (text.length > maxChars) {
    throw new DomainError('readout_too_large', `Readout text is too long (${text.length} characters, limit ${maxChars})`,
      `会议通稿过长(${text.length} 字符,上限 ${maxChars})`, { chars: text.length, limit: maxChars });
  }
  if (options.meetingDate != null && !isLocalDate(options.meetingDate)) {
    throw new DomainError('validation_failed', `Meeting date must be YYYY-MM-DD, got "${options.meetingDate}"`,
      `会议日期应为 YYYY-MM-DD 格式,收到 "${options.meetingDate}"`, { field: 'meetingDate' });
  }
}

/** What every directive of one document is read against. */
interface DocContext {
  r: Rules;
  index: DepartmentIndex;
  meeting: LocalDate | null;
  command: (offset: number) => string | null;
  starts: (start: number, end: number) => LocalDate | null;
  workingDays: (start: LocalDate, n: number) => LocalDate;
}

/** Read one directive: kind, topic (own words, else `context`), leads, deadline. */
function readDirective(view: UnitView, i: number, place: Place, context: Topic | null, ctx: DocContext): ExtractedDirective {
  const { r, index } = ctx;
  const mentions = findMentions(view, index, (k) => ctx.command(view.unit.start + k));
  const reading = readKind(view, r, mentions);
  const named = chooseTopic(reading);
  const own = named ?? context;
  let leads = readLeads(view, mentions, reading.kind, own ?? FALLBACK_TOPIC, index, r, named === null);
  // No domain word and no context: a named lead's usual topic says more than the generic fallback.
  const topic = own ?? (leads.explicit ? topicOfLead(leads.lead[0] as string, r) : null) ?? FALLBACK_TOPIC;
  if (topic !== (own ?? FALLBACK_TOPIC) && !leads.explicit) leads = readLeads(view, mentions, reading.kind, topic, index, r, true);
  const dl = readDeadlines(
    view.unit.text,
    view.simp,
    { meeting: ctx.meeting, campaignStart: ctx.starts(view.unit.start, view.unit.end), addWorkingDays: ctx.workingDays, festivals: r.festivals },
    r,
  );
  return {
    i,
    text: view.unit.text,
    start: view.unit.start,
    end: view.unit.end,
    para: view.unit.para,
    kind: reading.kind,
    level: place.level,
    parent: place.parent,
    topic,
    lead: leads.lead,
    lead_explicit: leads.explicit,
    lead_text: leads.leadText,
    co: leads.co,
    deadline: dl.deadline,
    deadline_alt: dl.alt,
    ongoing: dl.ongoing,
    cadence: dl.cadence,
  };
}

interface Candidate {
  unit: SentenceUnit;
  view: UnitView;
  directive: boolean;
  order: number;
}

function findDirectives(units: SentenceUnit[], simp: string, r: Rules) {
  const all: Candidate[] = units.map((unit, order) => {
    const view = viewUnit(unit, simp.slice(unit.start, unit.end), r);
    return { unit, view, directive: isDirective(view, r), order };
  });
  return {
    all,
    list: all.filter((c) => c.directive),
    numberedOthers: all.filter((c) => !c.directive && isNumbered(c.unit.text)).map((c) => ({ para: c.unit.para, order: c.order })),
  };
}

/** The topic whose usual leads (topics.json) list the department earliest. */
function topicOfLead(name: string, r: Rules): Topic | null {
  let best: [Topic, number] | null = null;
  for (const [topic, leads] of r.topicLeads) {
    const k = leads.indexOf(name);
    if (k >= 0 && (!best || k < best[1])) best = [topic, k];
  }
  return best ? best[0] : null;
}

const AGENDA = /(研究|听取|审议|讨论)(了|通过了)?/;

/** The topic of an agenda line (会议研究了第二轮城市改造提升方案) that introduces the directives after it. */
function agendaTopic(view: UnitView, r: Rules): Topic | null {
  if (!AGENDA.test(view.simp)) return null;
  const hit = r.topics.findLongest(view.tokens).find((h) => h.payload.concrete);
  return hit ? hit.payload.topic : null;
}

