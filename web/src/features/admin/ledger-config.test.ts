import { describe, expect, it } from 'vitest';
import { configOf, draftsOf, fieldProblem, isDirty, issuesOf, issueWhere, move, newStage, same, type LedgerConfigView, type TypeDraft } from './ledger-config.js';

const label = (zh: string, en: string) => ({ zh, en });
const rules = { warnWorkingDays: 3, acceptWithinWorkingDays: 2, stageWaitWorkingDays: 3, progressLagPercent: 20, escalation: [{ kind: 'urge' as const, afterWorkingDays: 0 }] };
const directive = {
  key: 'directive',
  name: label('会议部署事项', 'Meeting directive'),
  numberPrefix: '督办',
  fields: [
    { name: 'category', kind: 'enum' as const, label: label('类别', 'Category'), required: true, options: [{ value: 'other', label: label('其他', 'Other') }] },
    { name: 'sourceName', kind: 'text' as const, label: label('来源', 'Source') },
  ],
  closureStages: [{ key: 'review', name: label('审核', 'Review'), timeLimitWorkingDays: 3 }],
  defaultTimeLimit: { amount: 30, unit: 'calendar_days' as const },
  defaultCadence: 'monthly' as const,
  warningRules: rules,
};
const inspection = { ...directive, key: 'inspection', name: label('巡查', 'Inspection'), numberPrefix: '巡查', fields: [{ name: 'site', kind: 'text' as const, label: label('地点', 'Site') }] };

/** A view as the server answers it for a configuration (types resolved by hand for the fixture). */
function view(config: LedgerConfigView['config'], types: LedgerConfigView['types'], version = 3): LedgerConfigView {
  return { version, config, updatedAt: null, updatedBy: null, builtin: [directive], types };
}

const edit = (drafts: TypeDraft[], key: string, change: (d: TypeDraft) => TypeDraft) => drafts.map((d) => (d.key === key ? change(d) : d));

describe('ledger type settings editor', () => {
  it('turns untouched drafts back into the stored configuration (nothing to save)', () => {
    const stored = { overrides: { directive: { numberPrefix: '督', addFields: [{ name: 'budget', kind: 'number' as const, label: label('预算', 'Budget') }] } } };
    const v = view(stored, [{ ...directive, numberPrefix: '督', fields: [...directive.fields, stored.overrides.directive.addFields[0]!], disabled: false }]);
    const drafts = draftsOf(v);
    expect(configOf(v, drafts)).toEqual(stored);
    expect(isDirty(v, drafts)).toBe(false);
  });

  it('writes only what differs from the built-in: name, time limit, one warning rule, relabelled and required fields, stages, added fields', () => {
    const v = view({}, [{ ...directive, disabled: false }], 0);
    let drafts = draftsOf(v);
    drafts = edit(drafts, 'directive', (d) => ({
      ...d,
      name: label('督办事项', 'Supervised matter'),
      timeLimit: { amount: 15, unit: 'working_days' },
      warningRules: { ...d.warningRules, warnWorkingDays: 5 },
      fields: [
        d.fields[0]!,
        { ...d.fields[1]!, def: { ...d.fields[1]!.def, label: label('来源文件', 'Source document'), required: true } },
        { def: { name: 'contact', kind: 'text', label: label('联系人', 'Contact') }, stored: false },
      ],
      stages: [...d.stages, { key: 'sign_off', name: label('审签', 'Sign-off'), by: 'leader' }],
    }));
    expect(isDirty(v, drafts)).toBe(true);
    expect(configOf(v, drafts)).toEqual({
      overrides: {
        directive: {
          name: label('督办事项', 'Supervised matter'),
          defaultTimeLimit: { amount: 15, unit: 'working_days' },
          warningRules: { warnWorkingDays: 5 },
          closureStages: [directive.closureStages[0], { key: 'sign_off', name: label('审签', 'Sign-off'), by: 'leader' }],
          fieldOverrides: { sourceName: { label: label('来源文件', 'Source document'), required: true } },
          addFields: [{ name: 'contact', kind: 'text', label: label('联系人', 'Contact') }],
        },
      },
    });
    // Undoing every change leaves nothing to store.
    expect(configOf(v, draftsOf(v))).toEqual({});
  });

  it('switches types off and on, and edits a city type in place, keeping what the editor does not show', () => {
    const v = view({ custom: [{ ...inspection, description: label('说明', 'About') }], disabled: ['directive'] }, [
      { ...directive, disabled: true },
      { ...inspection, disabled: false },
    ]);
    const drafts = edit(
      edit(draftsOf(v), 'directive', (d) => ({ ...d, disabled: false })),
      'inspection',
      (d) => ({ ...d, disabled: true, timeLimit: null }),
    );
    const c = configOf(v, drafts);
    expect(c.disabled).toEqual(['inspection']);
    expect(c.overrides).toBeUndefined();
    expect(c.custom).toEqual([{ ...inspection, description: label('说明', 'About'), defaultTimeLimit: null }]);
    expect(draftsOf(v).map((d) => [d.key, d.custom, d.disabled])).toEqual([
      ['directive', false, true],
      ['inspection', true, false],
    ]);
  });

  it('reorders, adds and names stages without clashing keys', () => {
    const a = { key: 'a', name: label('甲', 'A') };
    const b = { key: 'stage_2', name: label('乙', 'B') };
    expect(move([a, b], 1, -1)).toEqual([b, a]);
    expect(move([a, b], 1, 1)).toEqual([a, b]);
    expect(newStage([a, b], label('复核', 'Re-check')).key).toBe('stage_3');
    expect(newStage([], label('审核', 'Review'))).toEqual({ key: 'stage_1', name: label('审核', 'Review'), by: 'supervisor' });
  });

  it('checks a field before it is added, and reads the issues of a refused configuration', () => {
    const fields = draftsOf(view({}, [{ ...directive, disabled: false }]))[0]!.fields;
    expect(fieldProblem(fields, { name: 'Budget', label: label('预算', 'Budget') })).toBe('name_format');
    expect(fieldProblem(fields, { name: 'category', label: label('类别', 'Category') })).toBe('name_taken');
    expect(fieldProblem(fields, { name: 'budget', label: label(' ', 'Budget') })).toBe('label_missing');
    expect(fieldProblem(fields, { name: 'budget', label: label('预算', 'Budget') })).toBeNull();
    expect(issuesOf({ issues: [{ path: 'closureStages', message: 'too small' }, { bad: 1 }] })).toEqual([{ path: 'closureStages', message: 'too small' }]);
    expect(issuesOf(null)).toEqual([]);
    expect(same({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(same([1, { x: [2] }], [1, { x: [3] }])).toBe(false);
  });

  it('says where an issue of a refused configuration is: the type, its part, the stage or field', () => {
    const drafts = draftsOf(view({}, [{ ...directive, disabled: false }]));
    expect(issueWhere('directive.closureStages.0.name.zh', drafts)).toEqual({ typeKey: 'directive', section: 'stages', stage: 0 });
    expect(issueWhere('/overrides/directive/fieldOverrides/sourceName/label', drafts)).toEqual({ typeKey: 'directive', section: 'fields', field: 'sourceName' });
    expect(issueWhere('directive.fields.1.options', drafts)).toEqual({ typeKey: 'directive', section: 'fields', field: 'sourceName' });
    expect(issueWhere('directive.defaultTimeLimit.amount', drafts)).toEqual({ typeKey: 'directive', section: 'timeLimit' });
    expect(issueWhere('directive', drafts)).toEqual({ typeKey: 'directive', section: null });
    expect(issueWhere('custom.0.key', drafts)).toEqual({ typeKey: null, section: null });
  });
});
