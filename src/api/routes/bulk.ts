import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { bulkAction, BULK_ACTIONS, type BulkAction, type BulkResult } from '../../app/items/bulk.js';
import { requireInNarrowScope } from '../../app/search/search-items.js';
import { CodedError } from '../../domain/errors.js';
import { BulkBodySchema, BulkResultSchema } from '../../contracts/http/bulk.js';
import { ACTION_BODIES } from '../../contracts/http/items.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { langOf } from '../i18n.js';
import { spec } from '../spec.js';
import { narrowOf } from './items.js';

const SUMMARIES: Record<BulkAction, string> = {
  assign: '批量交办 Assign the selected items',
  urge: '批量催办 Urge the selected items',
  transfer: '批量转办 Transfer the selected items',
  cancel: '批量撤销 Cancel the selected items',
};

/** POST /items/bulk/{assign|urge|transfer|cancel}: each selected item by the same use case, one result per item. */
export function bulkRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    for (const action of Object.keys(BULK_ACTIONS) as BulkAction[]) {
      app.post(
        `/items/bulk/${action}`,
        spec(
          { scope: `action:${action}`, writes: true },
          { tags: ['actions'], summary: SUMMARIES[action], body: BulkBodySchema(ACTION_BODIES[action]) },
          { 200: BulkResultSchema },
        ),
        async (request) => {
          const p = principalOf(request);
          const { ids, data } = request.body as { ids: string[]; data: Record<string, unknown> };
          const zh = langOf(request) === 'zh';
          // A token bound to a unit acts only within it: an item outside is refused as not found, row by row.
          const outside = new Map<string, BulkResult>();
          for (const id of ids) {
            try {
              await requireInNarrowScope(deps.app, p.ref, id, narrowOf(p));
            } catch (e) {
              if (!(e instanceof CodedError)) throw e;
              outside.set(id, { itemId: id, ok: false, code: e.code, message: e.message, messageZh: e.messageZh });
            }
          }
          const inside = ids.filter((id) => !outside.has(id));
          const done = inside.length > 0 ? await bulkAction(deps.app, p.ref, action, inside, data ?? {}) : [];
          const byId = new Map(done.map((r) => [r.itemId, r]));
          const results = ids
            .map((id) => outside.get(id) ?? byId.get(id)!)
            .map((r) =>
              r.ok
                ? {
                    itemId: r.itemId,
                    ok: true,
                    version: r.version,
                    status: r.status,
                    warnings: r.warnings.map((w) => ({ code: w.code, unitId: w.unitId, message: zh ? w.messageZh : w.message })),
                  }
                : { itemId: r.itemId, ok: false, code: r.code, message: zh ? r.messageZh : r.message },
            );
          return { results };
        },
      );
    }
    done();
  };
}
