import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar.js';
import { makeItem } from '../testing/items.js';
import { adjustedDeadline } from './deadline-adjust.js';
import { evolve } from './evolve.js';

/** Made-up 2027 arrangement for the test (not the official notice): 除夕 and a Thursday bridged, a make-up Saturday. */
const notice2027 = {
  year: 2027,
  holidays: ['2027-01-01', '2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'],
  workdays: ['2027-02-13'],
};
const AT = '2027-01-10T02:00:00.000Z';
const BY = { userId: 'admin', unitId: 'city' };
const basis = { from: '2027-01-20', workingDays: 12, provisional: true };

describe('adjustedDeadline', () => {
  const provisional = new WorkCalendar().addWorkingDaysMarked(basis.from, basis.workingDays);
  const item = makeItem({ status: 'in_progress', currentDeadline: provisional.date, originalDeadline: provisional.date, version: 4 });
  const noticed = new WorkCalendar({ notices: [notice2027] });

  it('counts the same working days again on the notice and names the old and the new date', () => {
    expect(provisional).toEqual({ date: '2027-02-09', provisional: true });
    const e = adjustedDeadline(item, basis, provisional.date, noticed, 2027, AT, BY);
    expect(e).toMatchObject({
      type: 'DeadlineAdjusted',
      version: 5,
      data: { previousDeadline: '2027-02-09', deadline: '2027-02-13', noticeYear: 2027, basis: { provisional: false } },
    });
    const next = evolve(item, e!);
    expect(next).toMatchObject({ currentDeadline: '2027-02-13', originalDeadline: '2027-02-13', version: 5 });
  });

  it('leaves alone a deadline given as a date, one counted on a known year, one changed since, and closed items', () => {
    expect(adjustedDeadline(item, undefined, provisional.date, noticed, 2027, AT, BY)).toBeNull();
    expect(adjustedDeadline(item, { ...basis, provisional: false }, provisional.date, noticed, 2027, AT, BY)).toBeNull();
    expect(adjustedDeadline({ ...item, currentDeadline: '2027-03-01' }, basis, provisional.date, noticed, 2027, AT, BY)).toBeNull();
    expect(adjustedDeadline({ ...item, status: 'closed' }, basis, provisional.date, noticed, 2027, AT, BY)).toBeNull();
    // The statutory days only: nothing moves.
    expect(adjustedDeadline(item, basis, provisional.date, new WorkCalendar(), 2027, AT, BY)).toBeNull();
  });

  it('keeps an extended original deadline apart: only the current one moves', () => {
    const extended = { ...item, originalDeadline: '2027-02-01' };
    const e = adjustedDeadline(extended, basis, provisional.date, noticed, 2027, AT, BY);
    expect(evolve(extended, e!)).toMatchObject({ currentDeadline: '2027-02-13', originalDeadline: '2027-02-01' });
  });
});
