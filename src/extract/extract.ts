import { addWorkingDays as calendarAddWorkingDays } from '../domain/calendar.js';
import { DomainError } from '../domain/errors.js';
import type { LocalDate } from '../domain/ids.js';
import { isLocalDate } from '../domain/time.js';
import { DEFAULT_CATALOGUE, departmentIndex, type DepartmentIndex } from './catalogue.js';
import { readDeadlines } from './deadline.js';
import { decide, SHIPPED_MODEL, type Decision, type ExtractModel } from './learn/model.js';
import { readLeads } from './lead.js';
import { findMeetingDate, findTitle, headingParagraphs } from './meeting.js';
import { rules, type Rules } from './rules.js';
import { sightUnits, type SightedUnit } from './sight.js';
import { detectScript, toSimplifiedSameLength } from './script.js';
import { placeDirectives, type Place } from './structure.js';
import type { DepartmentCatalogue, ExtractedDirective, ReadoutExtraction, Topic } from './types.js';
import { splitUnits } from './units.js';
import { ledgerTitle } from './title.js';
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
  /** The learned heads (directive, kind, topic); defaults to the shipped model, `null` decides by the rules alone. */
  model?: ExtractModel | null;
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
  const kept = body.filter((u) => u.text.length <= MAX_UNIT_CHARS);
  const skipped = body.length - kept.length;
  if (skipped > 0) notes.push(`${skipped} passage(s) longer than ${MAX_UNIT_CHARS} characters without a sentence end were skipped`);
  const command = commandResolver(simp, index);
  const sighted = sightUnits(kept, simp, r, index, command, headings);
  const decisions = decide(sighted, options.model === undefined ? SHIPPED_MODEL : options.model);
  const ctx: DocContext = {
    r,
    index,
    meeting,
    starts: campaignStarts(simp, meeting),
    workingDays: options.addWorkingDays ?? calendarAddWorkingDays,
  };
  const chosen = sighted.filter((_, k) => decisions[k]?.directive);
  const places = placeDirectives(
    chosen.map((u) => ({ para: u.unit.para, text: u.unit.text, order: u.order })),
    sighted.filter((u, k) => !decisions[k]?.directive && u.sight.numbered).map((u) => ({ para: u.unit.para, order: u.order })),
  );
  const out: ExtractedDirective[] = chosen.map((u, i) => readDirective(u, decisions[u.order] as Decision, i, places[i] ?? { level: 1, parent: null }, ctx));
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
    throw new DomainError('readout_too_large', `Readout text is too long (${text.length} characters, limit ${maxChars})`, `会议通稿过长(${text.length} 字符,上限 ${maxChars})`, {
      chars: text.length,
      limit: maxChars,
    });
  }
  if (options.meetingDate != null && !isLocalDate(options.meetingDate)) {
    throw new DomainError('validation_failed', `Meeting date must be YYYY-MM-DD, got "${options.meetingDate}"`, `会议日期应为 YYYY-MM-DD 格式,收到 "${options.meetingDate}"`, {
      field: 'meetingDate',
    });
  }
}

/** What every directive of one document is read against. */
interface DocContext {
  r: Rules;
  index: DepartmentIndex;
  meeting: LocalDate | null;
  starts: (start: number, end: number) => LocalDate | null;
  workingDays: (start: LocalDate, n: number) => LocalDate;
}

/** Read one directive: leads (named, else by remit for tasks) and deadlines, with the decided kind and topic. */
function readDirective(u: SightedUnit, d: Decision, i: number, place: Place, ctx: DocContext): ExtractedDirective {
  const { r, index } = ctx;
  const view = u.view;
  let leads = readLeads(view, u.mentions, d.kind, d.topic ?? FALLBACK_TOPIC, index, r, !d.ownTopic);
  // No domain word and no context: a named lead's usual topic says more than the generic fallback.
  const topic = d.topic ?? (leads.explicit ? topicOfLead(leads.lead[0] as string, r) : null) ?? FALLBACK_TOPIC;
  if (d.topic === null && topic !== FALLBACK_TOPIC && !leads.explicit) leads = readLeads(view, u.mentions, d.kind, topic, index, r, true);
  const dl = readDeadlines(
    view.unit.text,
    view.simp,
    { meeting: ctx.meeting, campaignStart: ctx.starts(view.unit.start, view.unit.end), addWorkingDays: ctx.workingDays, festivals: r.festivals },
    r,
  );
  // A task's title comes from the clause that carries its work; anything else from its first clause.
  const work = d.kind === 'task' ? u.sight.reading.clauses.find((c) => c.instructed && c.task) : undefined;
  return {
    i,
    text: view.unit.text,
    title: ledgerTitle(view.unit.text, work ? work.clause.s : 0),
    start: view.unit.start,
    end: view.unit.end,
    para: view.unit.para,
    kind: d.kind,
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

/** The topic whose usual leads (topics.json) list the department earliest. */
function topicOfLead(name: string, r: Rules): Topic | null {
  let best: [Topic, number] | null = null;
  for (const [topic, leads] of r.topicLeads) {
    const k = leads.indexOf(name);
    if (k >= 0 && (!best || k < best[1])) best = [topic, k];
  }
  return best ? best[0] : null;
}
