/**
 * How a deadline stands today, in whole calendar days of the city: overdue by N, due today, or N left. Both
 * dates are the city's YYYY-MM-DD days, so the difference is exact whatever the browser's own time zone.
 */
export type DeadlineLeft = { readonly kind: 'overdue' | 'left'; readonly days: number } | { readonly kind: 'today' };

export function deadlineLeft(deadline: string, today: string): DeadlineLeft | null {
  const d = Date.parse(`${deadline}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(d) || Number.isNaN(now)) return null;
  const days = Math.round((d - now) / 86_400_000);
  if (days === 0) return { kind: 'today' };
  return days < 0 ? { kind: 'overdue', days: -days } : { kind: 'left', days };
}
