import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { BUILTIN_LEDGER_TYPES } from './builtin/index.js';
import { resolveLedgerTypes } from './config.js';
import { validateLedgerType } from './validate.js';

const builtin = (key: string) => BUILTIN_LEDGER_TYPES.find((t) => t.key === key)!;

function issuesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    expect(e.code).toBe('validation_failed');
    return (e.details?.issues as { path: string; message: string }[]).map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected validation_failed');
}

describe('ledger-type disclosure (公示) setting', () => {
  it('publishes the work of a 整改 item by default, and nothing of the other built-in types', () => {
    expect(builtin('rectification').disclosure).toEqual({ fields: ['problem', 'problemType', 'target', 'measures', 'acceptanceUnit', 'completion'] });
    for (const t of BUILTIN_LEDGER_TYPES) if (t.key !== 'rectification') expect(t.disclosure, t.key).toBeUndefined();
  });

  it('refuses a published field that is unknown, personal, of a kind a reader cannot take in, or listed twice', () => {
    const dispute = builtin('dispute');
    const personal = dispute.fields.find((f) => f.personal)!;
    const table = dispute.fields.find((f) => !f.personal && (f.kind === 'table' || f.kind === 'text_list' || f.kind === 'boolean' || f.kind === 'multi_enum'));
    const bad = { ...dispute, disclosure: { fields: ['nope', personal.name, ...(table ? [table.name] : []), 'nope'] } };
    const issues = issuesOf(() => validateLedgerType(bad));
    expect(issues.some((i) => i.includes('nope is not a field'))).toBe(true);
    expect(issues.some((i) => i.includes(`${personal.name} is personal`))).toBe(true);
    expect(table).toBeDefined();
    if (table) expect(issues.some((i) => i.includes(`${table.name} (${table.kind}) cannot be published`))).toBe(true);
    expect(issues.some((i) => i.includes('published twice'))).toBe(true);
    expect(issuesOf(() => validateLedgerType({ ...dispute, disclosure: { fields: [] } }))).toHaveLength(1);
    expect(issuesOf(() => validateLedgerType({ ...builtin('rectification'), disclosure: { fields: ['problem'], closedMonths: 61 } }))).toHaveLength(1);
    expect(issuesOf(() => validateLedgerType({ ...builtin('rectification'), disclosure: { fields: ['problem'], extra: 1 } }))).toHaveLength(1);
  });

  it('a tenant replaces the list, adds the months closed items stay listed, or switches publishing off', () => {
    const types = resolveLedgerTypes({
      overrides: {
        rectification: { disclosure: { fields: ['problem', 'completion'], closedMonths: 6 } },
        directive: { disclosure: { fields: ['completionStandard', 'outcome'] } },
      },
    });
    expect(types.get('rectification')!.disclosure).toEqual({ fields: ['problem', 'completion'], closedMonths: 6 });
    expect(types.get('directive')!.disclosure).toEqual({ fields: ['completionStandard', 'outcome'] });
    expect(resolveLedgerTypes({ overrides: { rectification: { disclosure: null } } }).get('rectification')!.disclosure).toBeUndefined();
    expect(resolveLedgerTypes({ overrides: { rectification: { name: { zh: '整改', en: 'Fix' } } } }).get('rectification')!.disclosure).toEqual(builtin('rectification').disclosure);
    const refused = issuesOf(() => resolveLedgerTypes({ overrides: { rectification: { disclosure: { fields: ['problem', 'nope'] } } } }));
    expect(refused).toEqual(['rectification.disclosure.fields.1: published field nope is not a field of this type']);
  });
});
