import { describe, expect, it } from 'vitest';
import { ALGORITHMS, CONTROL_FIELDS, controlSummary, controlToForm, formToControl, INDICATOR_KEY } from './control-fields.js';
import { signalsAdminZh } from '../../i18n/signals-admin.js';

describe('indicator control fields', () => {
  it('names every parameter and algorithm in the text table', () => {
    for (const a of ALGORITHMS) {
      expect(signalsAdminZh, a).toHaveProperty(`algorithm.${a}`);
      for (const f of CONTROL_FIELDS[a]) {
        expect(signalsAdminZh, f.name).toHaveProperty(`param.${f.name}`);
        for (const c of f.choices ?? []) if (!/^C\d$/.test(c)) expect(signalsAdminZh, c).toHaveProperty(`choice.${c}`);
      }
    }
  });

  it('splits a stored control into named fields and other parameters, and puts it back together', () => {
    const form = controlToForm('earsC', { method: 'C2', alpha: 0.001, minSigma: 1 });
    expect(form).toEqual({ values: { method: 'C2', alpha: '0.001' }, extra: '{"minSigma":1}' });
    expect(formToControl('earsC', form)).toEqual({ ok: true, control: { minSigma: 1, method: 'C2', alpha: 0.001 } });
    expect(formToControl('glrnb', { values: { 'c.ARL': ' 4.5 ', dir: '' }, extra: '' })).toEqual({ ok: true, control: { 'c.ARL': 4.5 } });
  });

  it('leaves empty fields to R’s defaults and refuses a non-number or non-object JSON', () => {
    expect(formToControl('cusum', { values: {}, extra: '  ' })).toEqual({ ok: true, control: {} });
    expect(formToControl('cusum', { values: { k: 'one' }, extra: '' })).toEqual({ ok: false, problem: { kind: 'number', field: 'k' } });
    expect(formToControl('cusum', { values: {}, extra: '[1]' })).toEqual({ ok: false, problem: { kind: 'extra' } });
    expect(formToControl('cusum', { values: {}, extra: '{oops' })).toEqual({ ok: false, problem: { kind: 'extra' } });
  });

  it('checks keys as the server does and summarises a control for a table', () => {
    expect(INDICATOR_KEY.test('fever_clinic')).toBe(true);
    expect(INDICATOR_KEY.test('_fever')).toBe(false);
    expect(INDICATOR_KEY.test('发热')).toBe(false);
    expect(controlSummary({ method: 'C2', alpha: 0.001 })).toBe('method=C2, alpha=0.001');
    expect(controlSummary(null)).toBe('');
  });
});
