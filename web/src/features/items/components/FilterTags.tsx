import { SearchOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { activeFilters, CLEARED, type FilterName, type ItemFilter } from '../filters.js';

export interface FilterTagsProps {
  readonly filter: ItemFilter;
  /** A unit's name by its id (the ids are in the URL). */
  readonly unitName: (id: string) => string;
  readonly onChange: (patch: Partial<ItemFilter>) => void;
}

/**
 * The filters in force on one line of closable tags, for the phone's folded filter bar: what the list is
 * narrowed to stays in sight, and a tap on a tag's × drops that filter.
 */
export function FilterTags({ filter, unitName, onChange }: FilterTagsProps) {
  const { t, lang } = useI18n();
  // 或: several values of one filter widen it ("办理中或待签收").
  const any = (values: readonly string[]) => new Intl.ListFormat(lang === 'zh' ? 'zh-CN' : 'en', { type: 'disjunction' }).format(values);
  const named = (label: string, value: string) => `${label}${lang === 'zh' ? '：' : ': '}${value}`;
  const text: Record<FilterName, () => string> = {
    q: () => filter.q,
    unit: () => any(filter.unit.map(unitName)),
    state: () => any(filter.state.map((s) => t(`status.${s}` as MessageKey))),
    light: () => named(t('ledger.light'), any(filter.light.map((s) => t(`light.${s}` as MessageKey)))),
    deadline: () => named(t('ledger.deadlineRange'), `${filter.deadlineFrom ?? ''} ~ ${filter.deadlineTo ?? ''}`.trim()),
    listed: () => (filter.listed === 'any' || !filter.listed ? t('ledger.listedAny') : t(`listing.${filter.listed}`)),
    recheck: () => t('recheck.due'),
    reportDue: () => t('desk.reportsDue'),
  };
  return (
    <div className="filter-tags" data-testid="filter-tags">
      {activeFilters(filter).map((k) => (
        <Tag key={k} closable icon={k === 'q' ? <SearchOutlined /> : undefined} onClose={() => onChange(CLEARED[k])} data-testid={`filter-tag-${k}`}>
          {text[k]()}
        </Tag>
      ))}
    </div>
  );
}
