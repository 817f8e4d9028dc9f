import { describe, expect, it } from 'vitest';
import type { NotifySettingsView } from '../../../../src/contracts/http/notify-admin.js';
import { rowsFor, withRow } from './rule-overrides.js';

const view: NotifySettingsView = {
  digestAt: '08:30',
  overrides: 0,
  rules: [
    { key: 'assigned', event: 'ItemAssigned', label: '新交办', audience: ['lead', 'co'], urgency: 'normal' },
    { key: 'urged', event: 'ItemUrged', label: '催办', audience: ['lead'], urgency: 'normal' },
  ],
  builtInOverrides: [{ key: 'assigned', ledgerType: 'signal', urgency: 'urgent', audience: ['lead', 'lead_leader', 'co'] }],
  ruleOverrides: [],
};

describe('rule overrides as the admin edits them', () => {
  it('shows each scope what applies there: the product’s own overrides and, for a type, the tenant’s general ones', () => {
    expect(rowsFor(view, [], 'signal').find((r) => r.key === 'assigned')).toMatchObject({ urgency: 'urgent', audience: ['lead', 'lead_leader', 'co'] });
    const general = [{ key: 'urged', off: true }];
    expect(rowsFor(view, general, null).find((r) => r.key === 'urged')?.on).toBe(false);
    expect(rowsFor(view, general, 'hazard').find((r) => r.key === 'urged')?.on).toBe(false);
  });

  it('keeps only what differs from what the scope inherits, and drops an override set back', () => {
    const urgent = withRow(view, [], 'hazard', { key: 'urged', audience: ['lead'], urgency: 'urgent', on: true });
    expect(urgent).toEqual([{ key: 'urged', ledgerType: 'hazard', urgency: 'urgent' }]);
    const plusLeaders = withRow(view, urgent, null, { key: 'urged', audience: ['lead', 'lead_leader'], urgency: 'normal', on: true });
    expect(plusLeaders).toEqual([
      { key: 'urged', ledgerType: 'hazard', urgency: 'urgent' },
      { key: 'urged', audience: ['lead', 'lead_leader'] },
    ]);
    expect(withRow(view, plusLeaders, 'hazard', { key: 'urged', audience: ['lead', 'lead_leader'], urgency: 'normal', on: true })).toEqual([
      { key: 'urged', audience: ['lead', 'lead_leader'] },
    ]);
    // Switched off for signals only; the built-in urgency there is not repeated.
    expect(withRow(view, [], 'signal', { key: 'assigned', audience: ['lead', 'lead_leader', 'co'], urgency: 'urgent', on: false })).toEqual([
      { key: 'assigned', ledgerType: 'signal', off: true },
    ]);
  });
});
