/**
 * The result of one round: every checklist line passed, failed or not applicable, with a note and photos. A
 * round where nothing failed is a record too ("no hazard found"); each failed line becomes a hazard item.
 */
import { z } from 'zod';
import { DomainError } from '../errors.js';
import { describeIssue } from './issues.js';
import type { LocalDate } from '../ids.js';
import type { ChecklistLine, InspectionCadence, InspectionPlace } from './plan.js';

export const LINE_RESULTS = ['pass', 'fail', 'na'] as const;
export type LineResult = (typeof LINE_RESULTS)[number];

/** Photos per line: enough for a close-up and the surroundings, few enough to keep a round one request. */
export const MAX_LINE_PHOTOS = 10;

/**
 * What a failed line adds to its hazard beyond what the round already says: the level and, for a 重大 hazard,
 * the five 落实 the ledger type requires (checked there, as for any hazard).
 */
const HazardDetailSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    level: z.enum(['general', 'major']).default('general'),
    possibleConsequence: z.string().trim().min(1).max(2000).optional(),
    responsibility: z.string().trim().min(1).max(500).optional(),
    measures: z.string().trim().min(1).max(2000).optional(),
    funds: z.number().min(0).optional(),
    timeLimit: z.string().optional(),
    contingencyPlan: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type HazardDetail = z.output<typeof HazardDetailSchema>;

export const RoundResultsSchema = z
  .object({
    lines: z
      .array(
        z
          .object({
            key: z.string().min(1).max(40),
            result: z.enum(LINE_RESULTS),
            note: z.string().trim().max(2000).optional(),
            photos: z.array(z.string().min(1).max(200)).max(MAX_LINE_PHOTOS).default([]),
            hazard: HazardDetailSchema.optional(),
          })
          .strict(),
      )
      .min(1),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type RoundResultsInput = z.input<typeof RoundResultsSchema>;

export interface RecordedLine {
  readonly key: string;
  readonly label: string;
  readonly result: LineResult;
  readonly note: string | null;
  readonly photos: readonly string[];
  readonly hazard: HazardDetail | null;
}

export interface RoundResults {
  readonly lines: readonly RecordedLine[];
  readonly note: string | null;
}

const refuse = (en: string, zh: string, details?: Record<string, unknown>): DomainError => new DomainError('validation_failed', en, zh, details);

/**
 * Results from untrusted input, in checklist order: each line of the checklist answered exactly once, a failed
 * line described (its note says what is wrong), hazard details only on a failed line.
 * @throws DomainError `validation_failed` naming the line.
 */
export function validateResults(checklist: readonly ChecklistLine[], input: unknown): RoundResults {
  const parsed = RoundResultsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const d = describeIssue(issue);
    throw refuse(`Inspection results: ${d.en}`, `检查结果：${d.zh}`, { path: issue.path });
  }
  const given = new Map<string, (typeof parsed.data.lines)[number]>();
  for (const line of parsed.data.lines) {
    if (!checklist.some((c) => c.key === line.key)) throw refuse(`No checklist line ${line.key} in this plan.`, `本计划的检查表中没有检查项 ${line.key}。`, { key: line.key });
    if (given.has(line.key)) throw refuse(`Checklist line ${line.key} is answered twice.`, `检查项 ${line.key} 填写了两次。`, { key: line.key });
    given.set(line.key, line);
  }
  const lines = checklist.map((c): RecordedLine => {
    const line = given.get(c.key);
    if (!line) throw refuse(`Checklist line ${c.key} (${c.label}) has no result.`, `检查项「${c.label}」未填写结果。`, { key: c.key });
    const note = line.note ? line.note : null;
    if (line.result === 'fail' && note === null) {
      throw refuse(`A failed line needs a note saying what is wrong: ${c.label}.`, `不合格的检查项须说明存在的问题：${c.label}。`, { key: c.key });
    }
    if (line.result !== 'fail' && line.hazard) {
      throw refuse(`Hazard details belong to a failed line only: ${c.label}.`, `只有不合格的检查项才能填写隐患信息：${c.label}。`, { key: c.key });
    }
    if (new Set(line.photos).size !== line.photos.length) throw refuse(`A photo is cited twice on ${c.label}.`, `检查项「${c.label}」重复引用了同一照片。`, { key: c.key });
    return { key: c.key, label: c.label, result: line.result, note, photos: line.photos, hazard: line.result === 'fail' ? (line.hazard ?? { level: 'general' }) : null };
  });
  const photos = lines.flatMap((l) => l.photos);
  if (new Set(photos).size !== photos.length) throw refuse('A photo is cited on two lines.', '同一照片被两个检查项引用。');
  return { lines, note: parsed.data.note ? parsed.data.note : null };
}

/** The lines that failed: each opens one hazard item. */
export const failedLines = (results: RoundResults): RecordedLine[] => results.lines.filter((l) => l.result === 'fail');

/** The draft of the hazard a failed line opens, pre-filled from the round (the ledger type validates it). */
export interface HazardDraft {
  readonly title: string;
  readonly content: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * The hazard item a failed line opens: the place, the line's category, the day and who inspected, the level and
 * the five 落实 the inspector gave; `photoEvidenceIds` are the line's photos as files of the new item.
 */
export function hazardDraft(
  line: RecordedLine,
  round: { place: InspectionPlace; cadence: InspectionCadence; category: string },
  on: LocalDate,
  inspector: string,
  photoEvidenceIds: readonly string[],
): HazardDraft {
  const h = line.hazard ?? { level: 'general' as const };
  const where = round.place.address ? `${round.place.name}（${round.place.address}）` : round.place.name;
  const { title, level, ...five } = h;
  return {
    title: title ?? `${round.place.name}：${line.label}`,
    content: line.note ?? line.label,
    fields: {
      inspectionDate: on,
      inspectionType: round.cadence === 'before_holidays' ? 'holiday' : 'routine',
      inspectors: inspector.slice(0, 200),
      place: where.slice(0, 500),
      category: round.category,
      level,
      ...five,
      ...(photoEvidenceIds.length > 0 && { photosBefore: [...photoEvidenceIds] }),
    },
  };
}
