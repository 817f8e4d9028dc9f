import type { Cadence } from '../../domain/item.js';
import { ReadoutEditSchema, type ReadoutEdit } from '../../contracts/http/readouts.js';
import { ledgerTitle, type ExtractedDirective, type ReadoutExtraction } from '../../extract/index.js';
import type { StoredUnit } from '../../store/index.js';
import { AppError } from '../errors.js';

/*
 * A readout draft: the directives extraction found, as the supervisor keeps, drops, corrects, merges and
 * splits them before confirming. Pure functions over plain data; the use cases load and save it.
 */

export interface DraftDirective {
  /** Stable id within the draft (the extractor's index; splits get new ones). */
  readonly i: number;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'task' | 'exhortation';
  readonly level: 1 | 2;
  readonly parent: number | null;
  readonly topic: string;
  /** Whether confirmation turns it into an item (tasks by default). */
  readonly keep: boolean;
  readonly title: string;
  readonly ledgerType: string;
  readonly leadUnitId: string | null;
  /** The extractor's lead proposals, best first, with the tenant unit each resolved to. */
  readonly leadSuggestions: readonly { readonly name: string; readonly unitId: string | null }[];
  readonly leadExplicit: boolean;
  readonly coUnitIds: readonly string[];
  readonly deadline: string | null;
  readonly deadlinePhrase: string | null;
  readonly cadence: Cadence | null;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface DraftData {
  readonly document: { readonly title: string | null; readonly meetingDate: string | null; readonly script: string; readonly fileName: string | null };
  readonly directives: readonly DraftDirective[];
  readonly notes: readonly string[];
  /** After confirmation: directive id → created item id. */
  readonly items?: Readonly<Record<string, string>>;
}

/** The readout's cadence as one the loop tracks: the nearest that is not looser than what was asked. */
const EXTRACT_CADENCE: Readonly<Record<string, Cadence>> = {
  daily: 'weekly',
  weekly: 'weekly',
  semimonthly: 'biweekly',
  monthly: 'monthly',
  quarterly: 'quarterly',
  semiannual: 'quarterly',
  yearly: 'quarterly',
  periodic: 'monthly',
};

/**
 * The tenant unit a catalogue name stands for. A name the readout itself wrote (县自然资源局, `surface`) is tried
 * first against the tenant's own tree — the one department named so or ending so — because a county's meeting
 * names the county's bureau, not the city's; then the catalogue name: the same name, or the one unit ending like it.
 */
export function unitForName(units: readonly StoredUnit[], name: string, surface?: string): string | null {
  const written = surface?.replace(/\s+/g, '');
  if (written && written.length >= 3) {
    const own = units.filter((u) => u.kind === 'department' && (u.name === written || u.name.endsWith(written)));
    if (own.length === 1) return own[0]!.id;
  }
  const exact = units.filter((u) => u.name === name);
  if (exact.length === 1) return exact[0]!.id;
  const bare = name.replace(/^市/, '');
  const like = units.filter((u) => u.kind === 'department' && u.name.endsWith(bare) && u.parentId !== null);
  return like.length === 1 ? like[0]!.id : null;
}

/** A ledger title from a directive's text (≤ 30 characters, no attribution, numbering or modal). */
export function titleOf(text: string): string {
  return ledgerTitle(text);
}

function fromExtracted(d: ExtractedDirective, units: readonly StoredUnit[], doc: ReadoutExtraction['document']): DraftDirective {
  const leadSuggestions = d.lead.map((name, k) => ({ name, unitId: unitForName(units, name, d.lead_explicit ? d.lead_text[k] : undefined) }));
  return {
    i: d.i,
    text: d.text,
    start: d.start,
    end: d.end,
    kind: d.kind,
    level: d.level,
    parent: d.parent,
    topic: d.topic,
    keep: d.kind === 'task',
    title: d.title,
    ledgerType: 'directive',
    leadUnitId: leadSuggestions.find((s) => s.unitId !== null)?.unitId ?? null,
    leadSuggestions,
    leadExplicit: d.lead_explicit,
    coUnitIds: d.co.map((n, k) => unitForName(units, n, d.co_text?.[k])).filter((u): u is string => u !== null),
    deadline: d.deadline?.date ?? null,
    deadlinePhrase: d.deadline?.phrase ?? null,
    cadence: d.ongoing ? (EXTRACT_CADENCE[d.cadence ?? ''] ?? 'monthly') : null,
    fields: { category: 'meeting_decision', ...(doc.title ? { sourceName: doc.title } : {}), ...(doc.meeting_date ? { sourceDate: doc.meeting_date } : {}) },
  };
}

/** The draft of an extraction, with lead names resolved to the tenant's units. */
export function draftFromExtraction(x: ReadoutExtraction, units: readonly StoredUnit[], fileName: string | null): DraftData {
  return {
    document: { title: x.document.title, meetingDate: x.document.meeting_date, script: x.document.script, fileName },
    directives: x.directives.map((d) => fromExtracted(d, units, x.document)),
    notes: x.notes,
  };
}

/** Edits are validated by the same schema the HTTP contract publishes (the web app builds them). */
export const DraftEditSchema = ReadoutEditSchema;
export type DraftEdit = ReadoutEdit;

function find(d: DraftData, i: number): DraftDirective {
  const hit = d.directives.find((x) => x.i === i);
  if (!hit) throw new AppError('invalid_input', `The draft has no directive ${i}.`, `草稿中没有第 ${i} 条部署事项。`, { i });
  return hit;
}

/**
 * Applies one edit. Merge joins two directives into the span that covers both (the later one's children
 * move to the merged one); split cuts one at a character offset of the document into two.
 * @throws AppError `invalid_input` for unknown directives, units or offsets.
 */
export function applyDraftEdit(d: DraftData, edit: DraftEdit, docText: string, unitIds: ReadonlySet<string>): DraftData {
  const replace = (list: readonly DraftDirective[]) => ({ ...d, directives: [...list].sort((a, b) => a.start - b.start || a.i - b.i) });
  const checkUnit = (u: string) => {
    if (!unitIds.has(u)) throw new AppError('invalid_input', `No unit ${u}.`, `单位 ${u} 不存在。`, { unit: u });
  };
  switch (edit.op) {
    case 'keep':
      find(d, edit.i);
      return replace(d.directives.map((x) => (x.i === edit.i ? { ...x, keep: edit.keep } : x)));
    case 'set': {
      find(d, edit.i);
      if (edit.leadUnitId) checkUnit(edit.leadUnitId);
      edit.coUnitIds?.forEach(checkUnit);
      const { op: _op, i: _i, fields, ...rest } = edit;
      const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      return replace(d.directives.map((x) => (x.i === edit.i ? { ...x, ...patch, ...(fields ? { fields: { ...x.fields, ...fields } } : {}) } : x)));
    }
    case 'merge': {
      const a = find(d, edit.i);
      const b = find(d, edit.with);
      if (a.i === b.i) throw new AppError('invalid_input', 'A directive cannot be merged with itself.', '不能与自身合并。');
      const start = Math.min(a.start, b.start);
      const end = Math.max(a.end, b.end);
      const merged: DraftDirective = { ...a, start, end, text: docText.slice(start, end), keep: a.keep || b.keep };
      return replace(d.directives.filter((x) => x.i !== b.i).map((x) => (x.i === a.i ? merged : x.parent === b.i ? { ...x, parent: a.i } : x)));
    }
    case 'split': {
      const a = find(d, edit.i);
      if (!(edit.at > a.start && edit.at < a.end)) {
        throw new AppError(
          'invalid_input',
          `Split offset ${edit.at} is not inside directive ${a.i} (${a.start}–${a.end}).`,
          `拆分位置 ${edit.at} 不在第 ${a.i} 条(${a.start}–${a.end})之内。`,
        );
      }
      const next = Math.max(...d.directives.map((x) => x.i)) + 1;
      const first: DraftDirective = { ...a, end: edit.at, text: docText.slice(a.start, edit.at), title: titleOf(docText.slice(a.start, edit.at)) };
      const second: DraftDirective = { ...a, i: next, start: edit.at, text: docText.slice(edit.at, a.end), title: titleOf(docText.slice(edit.at, a.end)) };
      return replace([...d.directives.filter((x) => x.i !== a.i), first, second]);
    }
    default: {
      const never: never = edit;
      throw new Error(`unknown edit ${JSON.stringify(never)}`);
    }
  }
}
