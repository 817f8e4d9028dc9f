import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/index.js';

export interface DeadlineRangeProps {
  readonly from: string | null;
  readonly to: string | null;
  onChange(range: { deadlineFrom: string | null; deadlineTo: string | null }): void;
}

/**
 * The ledger's deadline filter with the same date picker as every other date in the app (the browser's own
 * date input writes mm/dd/yyyy in an English Chromium). Loaded after the ledger's first render, so the picker's
 * code does not weigh on the ledger's first page.
 */
export default function DeadlineRange({ from, to, onChange }: DeadlineRangeProps) {
  const { t } = useI18n();
  return (
    <DatePicker.RangePicker
      aria-label={t('ledger.deadlineRange')}
      placeholder={[t('ledger.deadlineFrom'), t('ledger.deadlineTo')]}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      allowEmpty={[true, true]}
      onChange={(v) => onChange({ deadlineFrom: v?.[0]?.format('YYYY-MM-DD') ?? null, deadlineTo: v?.[1]?.format('YYYY-MM-DD') ?? null })}
      style={{ width: 260 }}
      data-testid="ledger-deadline-range"
    />
  );
}
