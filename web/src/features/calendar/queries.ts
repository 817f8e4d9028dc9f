import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { CalendarView, HolidayNoticeBody, NoticeLoaded } from '../../api/types.js';
import { itemKeys } from '../items/queries.js';

const key = ['calendar'] as const;

/** The tenant's working-day calendar: the years it knows and the notices an admin loaded. */
export function useCalendar() {
  return useQuery({ queryKey: key, queryFn: () => api<CalendarView>('/calendar') });
}

/** Loads a year's notice (system admin). Deadlines it moves change items, so their pages and lists are refetched. */
export function useLoadNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (notice: HolidayNoticeBody) => api<NoticeLoaded>('/calendar/notices', { body: notice }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: key });
      if (r.moved.length > 0) void qc.invalidateQueries({ queryKey: itemKeys.all });
    },
  });
}
