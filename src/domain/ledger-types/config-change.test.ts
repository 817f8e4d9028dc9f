import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { BUILTIN_LEDGER_TYPES } from './builtin/index.js';
import { checkConfigChange, removedStages, tenantLedgerTypes } from './config-change.js';

const directive = BUILTIN_LEDGER_TYPES[0]!;
const custom = (fields = [{ name: 'site', kind: 'text', label: { zh: '地点', en: 'Site' } }]) => ({
  ...directive,
  key: 'inspection',
  name: { zh: '巡查', en: 'Inspection' },
  numberPrefix: '巡查',
  fields,
});

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

describe('tenantLedgerTypes', () => {
  it('keeps a switched-off type for existing items but not among the active ones', () => {
    const t = tenantLedgerTypes({ disabled: ['hazard'] });
    expect(t.active.has('hazard')).toBe(false);
    expect(t.all.get('hazard')?.key).toBe('hazard');
    expect([...t.disabled]).toEqual(['hazard']);
    expect(t.active.size).toBe(BUILTIN_LEDGER_TYPES.length - 1);
  });
});

describe('checkConfigChange', () => {
  const before = tenantLedgerTypes({ overrides: { directive: { addFields: [{ name: 'budget', kind: 'number', label: { zh: '预算', en: 'Budget' } }] } }, custom: [custom()] });

  it('allows relabelling, adding fields and switching a type off', () => {
    const after = tenantLedgerTypes({
      overrides: {
        directive: {
          name: { zh: '督办事项', en: 'Supervised matter' },
          addFields: [
            { name: 'budget', kind: 'number', label: { zh: '资金', en: 'Funds' } },
            { name: 'contact', kind: 'text', label: { zh: '联系人', en: 'Contact' } },
          ],
        },
      },
      custom: [custom([{ name: 'site', kind: 'text', label: { zh: '巡查地点', en: 'Site' } }])],
      disabled: ['inspection'],
    });
    expect(() => checkConfigChange(before, after)).not.toThrow();
  });

  it('refuses dropping a custom type, an added field, or changing a field kind', () => {
    expect(
      issuesOf(() =>
        checkConfigChange(before, tenantLedgerTypes({ overrides: { directive: { addFields: [{ name: 'budget', kind: 'number', label: { zh: '预算', en: 'Budget' } }] } } })),
      ),
    ).toEqual(['type inspection cannot be removed (items may use it): switch it off instead']);
    expect(issuesOf(() => checkConfigChange(before, tenantLedgerTypes({ custom: [custom()] })))).toEqual(['field budget of directive cannot be removed (items may hold it)']);
    const kind = tenantLedgerTypes({ overrides: { directive: { addFields: [{ name: 'budget', kind: 'text', label: { zh: '预算', en: 'Budget' } }] } }, custom: [custom()] });
    expect(issuesOf(() => checkConfigChange(before, kind))).toEqual(['field budget of directive cannot change kind (number → text)']);
  });

  it('names the stages a new stage list drops', () => {
    const after = tenantLedgerTypes({ overrides: { rectification: { closureStages: [BUILTIN_LEDGER_TYPES.find((t) => t.key === 'rectification')!.closureStages[0]!] } } });
    const gone = removedStages(tenantLedgerTypes({}), after);
    expect([...gone.keys()]).toEqual(['rectification']);
    expect(gone.get('rectification')!.length).toBeGreaterThan(0);
  });
});

describe('resolveLedgerTypes issues', () => {
  it('names the type in the path of every issue of an override or a custom type', () => {
    const issues = (config: unknown) => {
      try {
        tenantLedgerTypes(config);
      } catch (e) {
        return (e as DomainError).details?.issues as { path: string }[];
      }
      throw new Error('expected validation_failed');
    };
    expect(issues({ overrides: { directive: { closureStages: [] } } }).map((i) => i.path)).toEqual(['directive.closureStages']);
    expect(issues({ custom: [custom([{ name: 'site', kind: 'enum', label: { zh: '地点', en: 'Site' } }])] }).map((i) => i.path)).toEqual(['inspection.fields.0.options']);
  });
});
