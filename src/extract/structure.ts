import { isNumbered } from './units.js';

/** A directive's place in the numbered outline. */
export interface Place {
  level: 1 | 2;
  parent: number | null;
}

/**
 * GUIDELINES §5: numbered headlines are level 1; every later directive of the same paragraph up to the next
 * numbered unit is level 2 under it; everything else is level 1. `items` are the directives in document order
 * (paragraph, text, position among all units); `numberedOthers` are numbered units that are not directives — they
 * end a headline's scope too.
 */
export function placeDirectives(items: { para: number; text: string; order: number }[], numberedOthers: { para: number; order: number }[]): Place[] {
  const places: Place[] = [];
  let head: { i: number; para: number } | null = null;
  let other = 0;
  items.forEach((d, i) => {
    while (other < numberedOthers.length && (numberedOthers[other] as { order: number }).order < d.order) {
      const o = numberedOthers[other] as { para: number };
      if (head && head.para === o.para) head = null;
      other += 1;
    }
    if (isNumbered(d.text)) {
      head = { i, para: d.para };
      places.push({ level: 1, parent: null });
    } else if (head && head.para === d.para) {
      places.push({ level: 2, parent: head.i });
    } else {
      places.push({ level: 1, parent: null });
    }
  });
  return places;
}
