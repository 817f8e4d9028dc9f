import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { BUILTIN_LEDGER_TYPES } from './builtin/index.js';
import { resolveLedgerType, resolveLedgerTypes } from './config.js';
import type { LedgerType } from './definition.js';
import { validateLedgerType } from './validate.js';

const directive = BUILTIN_LEDGER_TYPES[0]!;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    expect(e.code).toBe('validation_failed');
    return (e.details?.issues as { message: string }[]).map((i) => i.message);
  }
  throw new Error('expected validation_failed');
}

const withChanges = (changes: Partial<LedgerType>): unknown => ({ ...directive, ...changes });

describe('validateLedgerType', () => {
  it('refuses a type without closure stages or with a bad key or prefix', () => {
    expect(issuesOf(() => validateLedgerType(withChanges({ closureStages: [] })))).toHaveLength(1);
    expect(issuesOf(() => validateLedgerType(withChanges({ key: 'Bad Key' })))).toHaveLength(1);
    expect(issuesOf(() => validateLedgerType(withChanges({ numberPrefix: '督〔办' })))).toHaveLength(1);
  });

  it('refuses duplicate fields and stages, enums without options, options on text fields', () => {
    const f = directive.fields[0]!;
    expect(issuesOf(() => validateLedgerType(withChanges({ fields: [f, f] })))).toContain('duplicate field category');
    const s = directive.closureStages[0]!;
    expect(issuesOf(() => validateLedgerType(withChanges({ closureStages: [s, s] })))).toContain('duplicate stage review');
    expect(issuesOf(() => validateLedgerType(withChanges({ fields: [{ ...f, options: undefined }] })))).toContain('enum field category needs options');
    expect(issuesOf(() => validateLedgerType(withChanges({ fields: [{ ...f, kind: 'text' }] })))).toContain('only enum fields take options (category)');
  });

  it('refuses a condition on a field that is not an enum of the type, or on an option it lacks', () => {
    const cond = (field: string, values: string[]) =>
      withChanges({ closureStages: [{ key: 'a', name: { zh: '甲', en: 'A' }, appliesWhen: { field, in: values } }, directive.closureStages[0]!] });
    expect(issuesOf(() => validateLedgerType(cond('sourceName', ['x'])))).toHaveLength(1);
    expect(issuesOf(() => validateLedgerType(cond('category', ['nope'])))).toEqual(['condition value nope is not an option of category']);
    expect(() => validateLedgerType(cond('category', ['other']))).not.toThrow();
  });

  it('refuses stages that would leave some items with none', () => {
    const onlyOther = withChanges({ closureStages: [{ key: 'a', name: { zh: '甲', en: 'A' }, appliesWhen: { field: 'category', in: ['other'] } }] });
    expect(issuesOf(() => validateLedgerType(onlyOther))[0]).toMatch(/some items would meet none/);
  });

  it('refuses a stage that is both a notice and a visit', () => {
    const both = withChanges({ closureStages: [{ key: 'a', name: { zh: '甲', en: 'A' }, publicNoticeDays: 7, rating: true }] });
    expect(issuesOf(() => validateLedgerType(both))).toEqual(['stage a cannot be both a notice and a visit']);
  });
});

describe('resolveLedgerTypes', () => {
  it('applies a tenant override and keeps the rest of the built-in', () => {
    const config = {
      overrides: {
        rectification: {
          numberPrefix: '督改',
          closureStages: [{ key: 'acceptance', name: { zh: '验收', en: 'Acceptance' } }],
          addFields: [{ name: 'inspectionRound', kind: 'integer', label: { zh: '督察轮次', en: 'Round' }, min: 1 }],
          fieldOverrides: { term: { required: true } },
          warningRules: { warnWorkingDays: 5 },
        },
      },
    };
    const t = resolveLedgerType('rectification', config);
    expect(t.numberPrefix).toBe('督改');
    expect(t.closureStages.map((s) => s.key)).toEqual(['acceptance']);
    expect(t.fields.at(-1)?.name).toBe('inspectionRound');
    expect(t.fields.find((f) => f.name === 'term')?.required).toBe(true);
    expect(t.warningRules.warnWorkingDays).toBe(5);
    expect(t.warningRules.acceptWithinWorkingDays).toBe(2);
    expect(resolveLedgerType('directive', config)).toBe(directive);
  });

  it('adds custom types, switches types off and refuses unknown keys', () => {
    const custom = { ...directive, key: 'petition', numberPrefix: '信访', name: { zh: '信访事项', en: 'Petition' } };
    const types = resolveLedgerTypes({ custom: [custom], disabled: ['school_plan'] });
    expect(types.get('petition')?.numberPrefix).toBe('信访');
    expect(types.has('school_plan')).toBe(false);
    expect(() => resolveLedgerType('school_plan', { disabled: ['school_plan'] })).toThrow(expect.objectContaining({ code: 'ledger_type_not_found' }));
    expect(() => resolveLedgerType('nope')).toThrow(expect.objectContaining({ code: 'ledger_type_not_found' }));
  });

  it('refuses a malformed config, an override of an unknown type or field, and a custom type reusing a key', () => {
    const bad = [
      { overrides: { directive: { colour: 'red' } } },
      { overrides: { nope: {} } },
      { overrides: { directive: { fieldOverrides: { nope: { required: true } } } } },
      { overrides: { directive: { closureStages: [] } } },
      { custom: [directive] },
      { disabled: ['nope'] },
      'not an object',
    ];
    for (const config of bad) expect(() => resolveLedgerTypes(config), JSON.stringify(config)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});
