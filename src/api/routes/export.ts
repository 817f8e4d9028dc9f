import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { listItems, type ItemRow } from '../../app/items/queries.js';
import { itemLedgerType } from '../../app/ledger-types/cache.js';
import { ExportQuerySchema } from '../../contracts/http/items.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { columnsFor, toCsv, toXlsx } from '../export.js';
import { langOf } from '../i18n.js';
import { spec } from '../spec.js';
import { narrowOf, toSearch } from './items.js';

/** Rows an export may hold: larger lists are refused rather than cut silently. */
const MAX_EXPORT_ROWS = 50_000;

/** GET /items/export: the filtered list as .xlsx or CSV. */
export function exportRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get('/items/export', spec({ scope: 'export' }, { tags: ['items'], summary: '导出 Export a filtered list (.xlsx or CSV)', querystring: ExportQuerySchema }), async (request, reply) => {
      const p = principalOf(request);
      const { format, lang: langParam, ...filters } = request.query;
      const rows: ItemRow[] = [];
      let after: string | null = null;
      do {
        const page = await listItems(deps.app, p.ref, { ...toSearch(filters), limit: 1000, after }, narrowOf(p));
        rows.push(...page.items);
        after = page.nextCursor;
      } while (after !== null && rows.length < MAX_EXPORT_ROWS);
      const units = new Map((await deps.app.store.read.units.list(deps.tenantId)).map((u) => [u.id, u.name]));
      const unitName = (id: string | null) => (id === null ? '' : (units.get(id) ?? id));
      const one = filters.ledger?.length === 1 ? itemLedgerType(deps.app, deps.tenantId, filters.ledger[0]!) : null;
      const lang = langParam ?? langOf(request);
      const columns = columnsFor(one, unitName, lang);
      const name = one ? (lang === 'zh' ? one.name.zh : one.name.en) : lang === 'zh' ? '事项台账' : 'items';
      const stamp = deps.app.now().toISOString().slice(0, 10);
      reply.header('cache-control', 'private, no-store');
      if (format === 'csv') {
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}-${stamp}.csv`)}`);
        return toCsv(rows, columns);
      }
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${name}-${stamp}.xlsx`)}`);
      return toXlsx(rows, columns, name);
    });
    done();
  };
}
