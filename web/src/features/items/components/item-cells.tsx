import type { ItemView } from '../../../api/types.js';
import type { T } from '../../../i18n/index.js';

/** The item page's address: the table's links and the phone cards' links go to the same place. */
export const itemPath = (id: string): string => `/items/${encodeURIComponent(id)}`;

/**
 * The current deadline as stored (already the city's day, YYYY-MM-DD), marked 暂定 when it was counted on a year
 * whose holiday notice is not loaded yet, or the report cadence of a standing item.
 */
export const deadlineText = (item: Pick<ItemView, 'currentDeadline' | 'cadence' | 'light'>, t: T): string =>
  item.currentDeadline !== null
    ? item.light.deadlineProvisional
      ? t('deadline.provisional', { deadline: item.currentDeadline })
      : item.currentDeadline
    : item.cadence
      ? t(`cadence.${item.cadence}`)
      : '';

/** A light progress bar for table cells and cards (hundreds of antd Progress components cost a visible render). */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <span
      role="progressbar"
      aria-valuenow={v}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-label={label}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, width: '100%' }}
    >
      <span style={{ flex: 1, height: 6, borderRadius: 3, background: '#f0f0f0', overflow: 'hidden' }}>
        <span style={{ display: 'block', width: `${v}%`, height: '100%', background: v >= 100 ? '#52c41a' : '#b7312c' }} />
      </span>
      <span style={{ fontSize: 12, minWidth: 32, textAlign: 'right' }}>{v}%</span>
    </span>
  );
}
