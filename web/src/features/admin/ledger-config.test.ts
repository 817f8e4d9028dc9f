import { describe, expect, it } from 'vitest';
import {
  configOf,
  draftsOf,
  escalationOutOfOrder,
  fieldProblem,
  isDirty,
  issuesOf,
  issueWhere,
  move,
  newStage,
  newTypeProblem,
  nextEscalationStep,
  same,
  withNewType,
  withoutNewType,
  type LedgerConfigView,
  type TypeDraft,
} from './ledger-config.js';

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
const inspection = {
  ...directive,
  key: 'inspection',
  name: label('巡查', 'Inspection'),
  numberPrefix: '巡查',
  fields: [{ name: 'site', kind: 'text' as const, label: label('地点', 'Site') }],
};

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

  it('creates a city type from a copy of another and saves its whole definition in custom; unsaved, it can be removed again', () => {
    const v = view({ custom: [inspection] }, [
      { ...directive, disabled: false },
      { ...inspection, disabled: false },
    ]);
    const input = { key: 'road_repair', name: label(' 道路维修 ', 'Road repair'), numberPrefix: ' 修路 ', from: 'directive' };
    // The template as edited now, not as stored: its changed time limit is what the new type starts from.
    const edited = edit(draftsOf(v), 'directive', (d) => ({ ...d, timeLimit: { amount: 10, unit: 'working_days' } }));
    const drafts = withNewType(v, edited, input);
    const created = drafts.at(-1)!;
    expect(created).toMatchObject({ key: 'road_repair', custom: true, disabled: false, created: { numberPrefix: '修路', defaultCadence: 'monthly' } });
    // No item can hold a field of a type not yet saved: every copied field may be removed.
    expect(created.fields.every((f) => !f.stored)).toBe(true);
    expect(isDirty(v, drafts)).toBe(true);
    const c = configOf(v, drafts);
    expect(c.custom).toEqual([
      inspection,
      {
        key: 'road_repair',
        name: label('道路维修', 'Road repair'),
        numberPrefix: '修路',
        fields: directive.fields,
        closureStages: directive.closureStages,
        defaultTimeLimit: { amount: 10, unit: 'working_days' },
        defaultCadence: 'monthly',
        warningRules: rules,
      },
    ]);
    // The template's own change is an override as before; the copy does not change the template.
    expect(c.overrides).toEqual({ directive: { defaultTimeLimit: { amount: 10, unit: 'working_days' } } });
    // Edited like any city type before saving, and switched off if wanted.
    const renamed = edit(drafts, 'road_repair', (d) => ({
      ...d,
      name: label('道路养护', 'Road upkeep'),
      disabled: true,
      fields: d.fields.filter((f) => f.def.name !== 'sourceName'),
    }));
    const c2 = configOf(v, renamed);
    expect(c2.custom?.[1]).toMatchObject({ name: label('道路养护', 'Road upkeep'), fields: [directive.fields[0]] });
    expect(c2.disabled).toEqual(['road_repair']);
    // Removed before saving: nothing left to save but the template's edit.
    expect(withoutNewType(drafts, 'road_repair')).toEqual(edited);
    expect(configOf(v, withoutNewType(drafts, 'road_repair')).custom).toEqual([inspection]);
    // A type already stored is never removed (items may name it), only switched off.
    expect(withoutNewType(drafts, 'inspection')).toHaveLength(3);
  });

  it('checks the key, names and number prefix of a new type the way the definition schema does', () => {
    const v = view({ custom: [inspection], disabled: ['inspection'] }, [
      { ...directive, disabled: false },
      { ...inspection, disabled: true },
    ]);
    const drafts = draftsOf(v);
    const ok = { key: 'road_repair', name: label('道路维修', 'Road repair'), numberPrefix: '修路', from: 'directive' };
    expect(newTypeProblem(v, drafts, ok)).toBeNull();
    for (const key of ['Road', 'road-repair', '1road', 'r', '', `r${'a'.repeat(40)}`]) expect(newTypeProblem(v, drafts, { ...ok, key }), key).toBe('key_format');
    expect(newTypeProblem(v, drafts, { ...ok, key: `r${'a'.repeat(39)}` })).toBeNull();
    // Unique among all types: built-ins, city types, switched-off ones and new ones not saved yet.
    expect(newTypeProblem(v, drafts, { ...ok, key: 'directive' })).toBe('key_taken');
    expect(newTypeProblem(v, drafts, { ...ok, key: 'inspection' })).toBe('key_taken');
    expect(newTypeProblem(v, withNewType(v, drafts, ok), ok)).toBe('key_taken');
    expect(newTypeProblem(v, drafts, { ...ok, name: label('道路维修', ' ') })).toBe('name_missing');
    for (const numberPrefix of ['', '  ', '修 路', '修〔路', '一二三四五六七八九十一二三']) {
      expect(newTypeProblem(v, drafts, { ...ok, numberPrefix }), numberPrefix).toBe('prefix_format');
    }
    expect(newTypeProblem(v, drafts, { ...ok, from: 'nothing' })).toBe('template_missing');
    expect(() => withNewType(v, drafts, { ...ok, key: 'directive' })).toThrow(/key_taken/);
    // A city type (here switched off) can be the template too.
    expect(
      withNewType(v, drafts, { ...ok, from: 'inspection' })
        .at(-1)!
        .fields.map((f) => f.def.name),
    ).toEqual(['site']);
  });

  it('writes an escalation ladder changed on a built-in as the whole array of the override, and leaves an unchanged one out', () => {
    const v = view({}, [{ ...directive, disabled: false }], 0);
    const ladder = (d: TypeDraft, escalation: TypeDraft['warningRules']['escalation']) => ({ ...d, warningRules: { ...d.warningRules, escalation } });
    let drafts = edit(draftsOf(v), 'directive', (d) => ladder(d, [...d.warningRules.escalation, nextEscalationStep(d.warningRules.escalation)]));
    expect(configOf(v, drafts)).toEqual({
      overrides: {
        directive: {
          warningRules: {
            escalation: [
              { kind: 'urge', afterWorkingDays: 0 },
              { kind: 'supervision_letter', afterWorkingDays: 5 },
            ],
          },
        },
      },
    });
    // Changing one step and a threshold: both in the override, the ladder still whole.
    drafts = edit(drafts, 'directive', (d) => {
      const changed = ladder(
        d,
        d.warningRules.escalation.map((s, i) => (i === 1 ? { kind: 'bulletin' as const, afterWorkingDays: 7 } : s)),
      );
      return { ...changed, warningRules: { ...changed.warningRules, warnWorkingDays: 4 } };
    });
    expect(configOf(v, drafts).overrides?.directive?.warningRules).toEqual({
      warnWorkingDays: 4,
      escalation: [
        { kind: 'urge', afterWorkingDays: 0 },
        { kind: 'bulletin', afterWorkingDays: 7 },
      ],
    });
    // An empty ladder (no escalation at all) differs from the built-in's and is written as such.
    drafts = edit(draftsOf(v), 'directive', (d) => ladder(d, []));
    expect(configOf(v, drafts)).toEqual({ overrides: { directive: { warningRules: { escalation: [] } } } });
    // Back to the built-in's ladder: no override.
    drafts = edit(drafts, 'directive', (d) => ladder(d, rules.escalation));
    expect(configOf(v, drafts)).toEqual({});
    expect(isDirty(v, drafts)).toBe(false);
  });

  it('writes the escalation ladder of a city type into its whole definition, new or stored', () => {
    const v = view({ custom: [inspection] }, [
      { ...directive, disabled: false },
      { ...inspection, disabled: false },
    ]);
    const steps = [
      { kind: 'urge' as const, afterWorkingDays: 1 },
      { kind: 'supervision_letter' as const, afterWorkingDays: 3 },
    ];
    let drafts = edit(draftsOf(v), 'inspection', (d) => ({ ...d, warningRules: { ...d.warningRules, escalation: steps } }));
    drafts = withNewType(v, drafts, { key: 'road_repair', name: label('道路维修', 'Road repair'), numberPrefix: '修路', from: 'inspection' });
    drafts = edit(drafts, 'road_repair', (d) => ({ ...d, warningRules: { ...d.warningRules, escalation: d.warningRules.escalation.slice(1) } }));
    const c = configOf(v, drafts);
    expect(c.overrides).toBeUndefined();
    expect((c.custom as { key: string; warningRules: { escalation: unknown } }[]).map((t) => [t.key, t.warningRules.escalation])).toEqual([
      ['inspection', steps],
      ['road_repair', [steps[1]]],
    ]);
  });

  it('proposes the next rung of the ladder and finds a step due sooner than the one before it', () => {
    expect(nextEscalationStep([])).toEqual({ kind: 'urge', afterWorkingDays: 0 });
    expect(nextEscalationStep([{ kind: 'urge', afterWorkingDays: 0 }])).toEqual({ kind: 'supervision_letter', afterWorkingDays: 5 });
    expect(nextEscalationStep([{ kind: 'bulletin', afterWorkingDays: 363 }])).toEqual({ kind: 'bulletin', afterWorkingDays: 365 });
    expect(escalationOutOfOrder(rules.escalation)).toBeNull();
    expect(
      escalationOutOfOrder([
        { kind: 'urge', afterWorkingDays: 5 },
        { kind: 'bulletin', afterWorkingDays: 5 },
        { kind: 'bulletin', afterWorkingDays: 2 },
      ]),
    ).toBe(2);
  });

  it('says where an issue of a new type or of its escalation ladder is', () => {
    const v = view({}, [{ ...directive, disabled: false }]);
    const drafts = withNewType(v, draftsOf(v), { key: 'road_repair', name: label('道路维修', 'Road repair'), numberPrefix: '修路', from: 'directive' });
    expect(issueWhere('road_repair.closureStages.0.name.zh', drafts)).toEqual({ typeKey: 'road_repair', section: 'stages', stage: 0 });
    expect(issueWhere('road_repair.numberPrefix', drafts)).toEqual({ typeKey: 'road_repair', section: 'numberPrefix' });
    expect(issueWhere('road_repair.warningRules.escalation.1.afterWorkingDays', drafts)).toEqual({ typeKey: 'road_repair', section: 'escalation', step: 1 });
    expect(issueWhere('/overrides/directive/warningRules/escalation', drafts)).toEqual({ typeKey: 'directive', section: 'escalation' });
    expect(issueWhere('directive.warningRules.warnWorkingDays', drafts)).toEqual({ typeKey: 'directive', section: 'warnings' });
  });
});
