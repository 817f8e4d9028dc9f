import { useMemo } from 'react';
import type { SelectProps } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useMe } from '../session/queries.js';
import { useUnits } from './queries.js';
import { areaOf, compareUnits, type UnitLite } from './unit-ranking.js';

export interface UnitOption {
  readonly value: string;
  readonly label: string;
  /** Where the unit sits: its area and level (东城区 · 部门), shown beside the name. */
  readonly where: string;
}

/**
 * Units for a picker that ranks what the person most likely means (their own area first, then the better
 * match; see unit-ranking.ts) and shows each unit's area and level beside its name, so 东城区卫生健康局 and
 * 市卫生健康委员会 are told apart before Enter picks one. Spread `props` on the Select.
 */
export function useUnitPicker(): { options: UnitOption[]; props: Pick<SelectProps<unknown, UnitOption>, 'showSearch' | 'optionFilterProp' | 'filterSort' | 'optionRender'> } {
  const { t } = useI18n();
  const units = useUnits().data;
  // Optional all the way: the picker must not fail while the session is still loading or oddly shaped.
  const home = useMe().data?.user?.unitId ?? null;
  return useMemo(() => {
    const byId = new Map<string, UnitLite>((units ?? []).map((u) => [u.id, u]));
    const homeArea = areaOf(home, byId)?.id ?? null;
    const options = (units ?? []).map((u) => {
      const area = areaOf(u.id, byId);
      const where = [area && area.id !== u.id ? area.name : null, t(`unitKind.${u.kind}`)].filter(Boolean).join(' · ');
      return { value: u.id, label: u.name, where };
    });
    const first = [...options].sort((a, b) => compareUnits(byId.get(a.value)!, byId.get(b.value)!, '', homeArea, byId));
    return {
      options: first,
      props: {
        showSearch: true,
        optionFilterProp: 'label',
        filterSort: (a: UnitOption, b: UnitOption, info?: { searchValue?: string }) =>
          compareUnits(byId.get(a.value)!, byId.get(b.value)!, info?.searchValue ?? '', homeArea, byId),
        optionRender: (o: { data: UnitOption }) => (
          <span style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <span>{o.data.label}</span>
            <span style={{ color: '#8c8c8c', fontSize: 12, whiteSpace: 'nowrap' }}>{o.data.where}</span>
          </span>
        ),
      },
    };
  }, [units, home, t]);
}
