import type { ClosureStage, EnumOption, FieldDef, FieldKind, Label } from '../definition.js';

/** Small builders that keep the built-in type tables readable. */
export const label = (zh: string, en: string): Label => ({ zh, en });

/** Enum options from `[value, zh, en]` triples. */
export const options = (...rows: readonly (readonly [string, string, string])[]): EnumOption[] => rows.map(([value, zh, en]) => ({ value, label: { zh, en } }));

type Extra = Omit<Partial<FieldDef>, 'name' | 'label' | 'kind'>;

/** A field of the given kind: `field('place', 'text', '地点', 'Place', { required: true })`. */
export const field = (name: string, kind: FieldKind, zh: string, en: string, extra: Extra = {}): FieldDef => ({
  name,
  kind,
  label: { zh, en },
  ...extra,
});

/** A closure stage: `stage('review', '审核', 'Review', { timeLimitWorkingDays: 3 })`. */
export const stage = (key: string, zh: string, en: string, extra: Omit<Partial<ClosureStage>, 'key' | 'name'> = {}): ClosureStage => ({
  key,
  name: { zh, en },
  ...extra,
});
