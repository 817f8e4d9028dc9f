import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { BUILTIN_LEDGER_TYPES } from './builtin/index.js';
import { resolveLedgerType } from './config.js';
import { EXAMPLE_FIELDS } from './examples.js';
import { fieldsSchema, personalFieldNames, validateFieldPatch } from './fields.js';
import { applicableStages } from './stages.js';
import { validateLedgerType } from './validate.js';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const type = (key: string) => resolveLedgerType(key);

describe('built-in ledger types', () => {
  it('are the seven types of DESIGN.md, each a valid definition', () => {
    expect(BUILTIN_LEDGER_TYPES.map((t) => t.key)).toEqual(['directive', 'rectification', 'hazard', 'dispute', 'appeal', 'signal', 'school_plan']);
    expect(BUILTIN_LEDGER_TYPES.map((t) => t.numberPrefix)).toEqual(['督办', '整改', '隐患', '调解', '诉求', '预警', '一校一方案']);
    for (const t of BUILTIN_LEDGER_TYPES) expect(validateLedgerType(t)).toEqual(t);
  });

  it.each(BUILTIN_LEDGER_TYPES.map((t) => [t.key]))('%s accepts a realistic draft and closure, and refuses a missing required field', (key) => {
    const t = type(key);
    const ex = EXAMPLE_FIELDS[key]!;
    const draft = validateFieldPatch(t, {}, ex.draft, 'draft');
    expect(fieldsSchema(t, 'draft').parse(ex.draft)).toEqual(ex.draft);
    expect(validateFieldPatch(t, draft, ex.closure, 'closure')).toEqual(ex.closure);
    expect(fieldsSchema(t, 'closure').safeParse({ ...ex.draft, ...ex.closure }).success).toBe(true);
    // The draft alone is not enough to close: the closure fields are required then.
    expect(fieldsSchema(t, 'closure').safeParse(ex.draft).success).toBe(false);
    const required = t.fields.find((f) => f.required && f.filledAt !== 'closure')!;
    const { [required.name]: _gone, ...missing } = ex.draft;
    const err = errorOf(() => validateFieldPatch(t, {}, missing, 'draft'));
    expect(err.code).toBe('validation_failed');
    expect(err.details?.issues).toContainEqual({ path: `fields.${required.name}`, message: 'required' });
    expect(err.messageZh).toContain(required.label.zh);
  });

  it('refuses unknown fields and malformed values with the field named', () => {
    const err = errorOf(() => validateFieldPatch(type('hazard'), {}, { ...EXAMPLE_FIELDS.hazard!.draft, level: '特大', colour: 'red' }, 'draft'));
    const paths = (err.details?.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['fields.level', 'fields.colour']));
    expect(errorOf(() => validateFieldPatch(type('hazard'), {}, { ...EXAMPLE_FIELDS.hazard!.draft, inspectionDate: '2026-02-30' }, 'draft')).code).toBe('validation_failed');
  });

  it('requires the five 落实 for a 重大 hazard only', () => {
    const t = type('hazard');
    const major = { ...EXAMPLE_FIELDS.hazard!.draft, level: 'major' };
    const err = errorOf(() => validateFieldPatch(t, {}, major, 'draft'));
    const missing = (err.details?.issues as { path: string }[]).map((i) => i.path).sort();
    expect(missing).toEqual(['fields.contingencyPlan', 'fields.funds', 'fields.measures', 'fields.responsibility', 'fields.timeLimit']);
    const full = { ...major, responsibility: '园区安全科 张某', measures: '更换消防管网', funds: 120000, timeLimit: '2026-04-30', contingencyPlan: '临时封闭仓库,配备灭火器材' };
    expect(() => validateFieldPatch(t, {}, full, 'draft')).not.toThrow();
  });

  it('sends a 重大 hazard through 复查验收 and a 一般 one through 验收', () => {
    const t = type('hazard');
    expect(applicableStages(t, { level: 'major' }).map((s) => s.stage.key)).toEqual(['recheck']);
    expect(applicableStages(t, { level: 'general' }).map((s) => s.stage.key)).toEqual(['acceptance']);
    expect(t.closureStages.find((s) => s.key === 'recheck')?.timeLimitWorkingDays).toBe(10);
  });

  it('declares the parties of a dispute and the contact of an appeal as personal, nothing else', () => {
    expect(Object.fromEntries(BUILTIN_LEDGER_TYPES.map((t) => [t.key, personalFieldNames(t)]))).toEqual({
      directive: [],
      rectification: [],
      hazard: [],
      dispute: ['parties'],
      appeal: ['contact'],
      signal: [],
      school_plan: [],
    });
  });

  it('gives 整改 its 公示 of 7 days before sign-off, and 回访 with a rating to appeals', () => {
    expect(type('rectification').closureStages.map((s) => [s.key, s.publicNoticeDays ?? null])).toEqual([
      ['acceptance', null],
      ['public_notice', 7],
      ['sign_off', null],
      ['upper_review', null],
    ]);
    expect(type('appeal').closureStages.map((s) => [s.key, s.rating ?? false])).toEqual([
      ['review', false],
      ['follow_up', true],
    ]);
    expect(type('signal').defaultTimeLimit).toEqual({ amount: 24, unit: 'hours' });
  });

  it('checks the rows of a table field', () => {
    const t = type('dispute');
    const bad = { ...EXAMPLE_FIELDS.dispute!.draft, parties: [{ name: '', age: -1 }] };
    const err = errorOf(() => validateFieldPatch(t, {}, bad, 'draft'));
    expect(err.details?.issues).toEqual([expect.objectContaining({ path: 'fields.parties' })]);
  });

  it('lets only closure fields change at closure and does not re-read stored personal values', () => {
    const t = type('dispute');
    // Personal values are stored encrypted; a closure patch must not trip over the envelope.
    const stored = { ...EXAMPLE_FIELDS.dispute!.draft, parties: { sealed: 'ciphertext' } };
    expect(() => validateFieldPatch(t, stored, EXAMPLE_FIELDS.dispute!.closure, 'closure')).not.toThrow();
    expect(errorOf(() => validateFieldPatch(t, stored, { ...EXAMPLE_FIELDS.dispute!.closure, riskLevel: 'red' }, 'closure')).details?.issues).toEqual([
      { path: 'fields.riskLevel', message: 'can only change while the item is a draft' },
    ]);
  });
});
