import type { TimelineEntry } from '../../api/types.js';

/**
 * Who acted in a timeline entry, in words: the person's display name and their unit's name as the server names
 * them; an older server (or an entry it could not name) falls back to the unit's name from the unit list and to
 * the user id, so the timeline never loses who acted. The system acts with no person.
 */
export function actorOf(
  entry: Partial<Pick<TimelineEntry, 'actorName' | 'unitName'>> & Pick<TimelineEntry, 'actorUserId' | 'actorUnitId'>,
  unitName: (id: string | null) => string,
): { person: string; unit: string } {
  const person = entry.actorName ?? entry.actorUserId ?? '';
  const unit = entry.unitName ?? (entry.actorUnitId ? unitName(entry.actorUnitId) : '');
  return { person, unit };
}

/** "unit · person" without empty parts; a person's name that already names the unit ("市卫健委 承办人") stands alone. */
export function actorText(a: { person: string; unit: string }): string {
  if (a.person && a.unit && a.person.includes(a.unit)) return a.person;
  return [a.unit, a.person].filter(Boolean).join(' · ');
}
