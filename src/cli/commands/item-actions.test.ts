import { describe, expect, it } from 'vitest';
import { ACTION_SLUGS } from '../../contracts/http/scopes.js';
import { ACTION_SPECS, actionData, decided } from './item-actions.js';

describe('the CLI’s loop actions', () => {
  it('are named as the API’s URL slugs, with the older names kept hidden', () => {
    const listed = ACTION_SPECS.filter((s) => !s.hidden).map((s) => s.name);
    // `edit` is PATCH /items/:id, not an action route.
    expect(listed.filter((n) => n !== 'edit').sort()).toEqual([...ACTION_SLUGS].sort());
    const older = [...ACTION_SPECS.filter((s) => s.hidden).map((s) => s.name), ...ACTION_SPECS.flatMap((s) => s.aliases ?? [])];
    expect(older.sort()).toEqual(['approve-extension', 'approve-return', 'co-report', 'deny-extension', 'deny-return', 'pass']);
  });

  it('turns decide-extension and decide-return into the command the decision names, refusing a flag of the other', () => {
    const ext = ACTION_SPECS.find((s) => s.name === 'decide-extension')!;
    const units = new Map();
    const approve = decided(ext, { decision: 'approve', deadline: '2027-03-31' });
    expect([approve.type, actionData(approve, { deadline: '2027-03-31' }, units)]).toEqual(['ApproveExtension', { deadline: '2027-03-31' }]);
    const deny = decided(ext, { decision: 'deny', reason: '理由不充分' });
    expect([deny.type, actionData(deny, { reason: '理由不充分' }, units)]).toEqual(['DenyExtension', { reason: '理由不充分' }]);
    expect(() => decided(ext, { decision: 'approve', reason: 'x' })).toThrow(/--reason does not apply to --decision approve/);
    expect(() => decided(ext, {})).toThrow(/--decision/);

    const ret = ACTION_SPECS.find((s) => s.name === 'decide-return')!;
    const no = decided(ret, { decision: 'deny', reason: '属于本单位职责' });
    expect([no.type, actionData(no, { reason: '属于本单位职责' }, units)]).toEqual(['DecideReturn', { reason: '属于本单位职责', approve: false }]);
  });
});
