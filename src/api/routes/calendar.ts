import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { loadHolidayNotice, listHolidayNotices } from '../../app/calendar/load-notice.js';
import { calendarOf, refreshTenantCalendar } from '../../app/calendar/tenant-calendar.js';
import { CalendarCountQuerySchema, CalendarViewSchema, HolidayNoticeBodySchema, NoticeLoadedSchema } from '../../contracts/http/calendar.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';

/** 工作日历: the tenant's working-day calendar (everyone reads it), and loading a year's holiday notice (system admin). */
export function calendarRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get(
      '/calendar',
      spec(
        {},
        { tags: ['organisation'], summary: '工作日历 Working-day calendar (optionally a deadline counted in working days)', querystring: CalendarCountQuerySchema.partial() },
        { 200: CalendarViewSchema },
      ),
      async (request) => {
        const ref = principalOf(request).ref;
        const loaded = await listHolidayNotices(deps.app, ref);
        await refreshTenantCalendar(deps.app, deps.app.store.read, ref.tenantId);
        const calendar = calendarOf(deps.app, ref.tenantId);
        const q = request.query;
        const counted = q.from !== undefined ? calendar.addWorkingDaysMarked(q.from, q.add ?? 0) : null;
        return { covered: [...calendar.coveredYears], loaded, deadline: counted?.date ?? null, provisional: counted?.provisional ?? null };
      },
    );
    app.post(
      '/calendar/notices',
      spec(
        { auth: 'session', writes: true },
        { tags: ['admin'], summary: '载入节假日安排 Load a year’s holiday notice (system admin); provisional deadlines it moves get an event', body: HolidayNoticeBodySchema },
        { 200: NoticeLoadedSchema },
      ),
      async (request) => loadHolidayNotice(deps.app, principalOf(request).ref, request.body),
    );
    done();
  };
}
