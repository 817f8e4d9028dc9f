import { Tag, Tooltip } from 'antd';
import type { ItemView } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

const LIGHT_COLOURS = { red: '#cf1322', yellow: '#d48806', green: '#389e0d', none: '#8c8c8c' } as const;
const STATUS_COLOURS: Record<ItemView['status'], string> = {
  draft: 'default',
  assigned: 'blue',
  in_progress: 'processing',
  closing: 'purple',
  closed: 'success',
  cancelled: 'default',
};

/**
 * A warning light as a coloured dot with its name (never colour alone) and the reasons on hover. `plain` uses the
 * browser's own tooltip: a table of hundreds of rows then renders no tooltip components at all.
 */
export function LightTag({ light, plain = false }: { light: ItemView['light']; plain?: boolean }) {
  const { t, tx } = useI18n();
  if (light.closure) return <ClosureTag closure={light.closure} />;
  const reasons = light.reasons.map((r) => tx('reason', String(r.code), r)).join('；');
  const tag = (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' }} data-light={light.light} title={plain && reasons ? reasons : undefined}>
      <span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: LIGHT_COLOURS[light.light], display: 'inline-block' }} />
      {t(`light.${light.light}`)}
    </span>
  );
  return reasons && !plain ? <Tooltip title={reasons}>{tag}</Tooltip> : tag;
}

export function StatusTag({ status }: { status: ItemView['status'] }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`status.${status}`)}</Tag>;
}

export const lightColour = (l: keyof typeof LIGHT_COLOURS): string => LIGHT_COLOURS[l];

/** Where a closed item's light would be: 按期办结, or 超期办结 with the days late (as 考核 scores it). */
export function ClosureTag({ closure }: { closure: NonNullable<ItemView['light']['closure']> }) {
  const { t } = useI18n();
  const text = closure.onTime
    ? t('closure.onTime')
    : closure.daysLate === null
      ? t('closure.lateUnknown')
      : closure.daysLate === 1
        ? t('closure.lateOne')
        : t('closure.late', { n: closure.daysLate });
  return (
    <span
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap', color: closure.onTime ? '#389e0d' : '#cf1322' }}
      data-closure={closure.onTime ? 'on-time' : 'late'}
    >
      <span aria-hidden style={{ width: 10, height: 10, borderRadius: 5, background: closure.onTime ? '#389e0d' : '#cf1322', display: 'inline-block' }} />
      {text}
    </span>
  );
}
