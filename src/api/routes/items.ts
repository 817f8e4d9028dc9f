import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AccountError } from '../../app/accounts/errors.js';
import { createAndAssign, createItem } from '../../app/items/create.js';
import { editItem } from '../../app/items/edit.js';
import { personalDataWarnings, warningHeader } from '../../app/personal-data-warnings.js';
import { FACETS, itemFacets } from '../../app/items/facets.js';
import { listItems, showItem, type ItemListQuery } from '../../app/items/queries.js';
import { requireInNarrowScope, rowOf } from '../../app/search/search-items.js';
import { IdParamSchema, PageSchema } from '../../contracts/http/common.js';
import {
  ItemCreateBodySchema,
  ItemDetailSchema,
  ItemFacetQuerySchema,
  ItemFacetsSchema,
  ItemListQuerySchema,
  ItemPatchBodySchema,
  ItemViewSchema,
  ActionResultSchema,
  type ItemListQueryInput,
} from '../../contracts/http/items.js';
import { slugOfCommand } from '../../contracts/http/scopes.js';
import { principalOf, type Principal } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { presentItem, presentTimelineEntry } from '../presenters.js';
import { langOf } from '../i18n.js';
import { spec } from '../spec.js';
import { expectedVersion, etag } from '../versions.js';

/** The unit an API token is bound to (reads and writes stay inside its subtree); none for a session. */
export const narrowOf = (p: Principal): string | undefined => (p.kind === 'token' ? p.token.unitId : undefined);

/** The list query of the API as the list use case takes it. */
export function toSearch(
  q: Omit<ItemListQueryInput, 'limit' | 'cursor' | 'sort' | 'queue'> & { limit?: number; cursor?: string; sort?: ItemListQueryInput['sort']; queue?: ItemListQueryInput['queue'] },
): ItemListQuery {
  return {
    ledgerTypes: q.ledger,
    statuses: q.state,
    leadUnitIds: q.unit,
    lights: q.light,
    parentId: q.parent === undefined ? undefined : q.parent === 'none' ? null : q.parent,
    deadlineFrom: q.deadlineFrom,
    deadlineTo: q.deadlineTo,
    text: q.q,
    ...(q.queue === 'intake' && { awaitingIntake: true }),
    ...(q.listed !== undefined && { listed: q.listed }),
    ...(q.recheck !== undefined && { recheck: q.recheck }),
    ...(q.reportDue !== undefined && { reportDue: q.reportDue }),
    sort: q.sort,
    limit: q.limit,
    after: q.cursor ?? null,
  };
}

/** GET /items, GET /items/:id, POST /items, PATCH /items/:id. */
export function itemRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get(
      '/items',
      spec({ scope: 'items:read' }, { tags: ['items'], summary: '事项列表与检索 List and search items', querystring: ItemListQuerySchema }, { 200: PageSchema(ItemViewSchema) }),
      async (request) => {
        const p = principalOf(request);
        const page = await listItems(deps.app, p.ref, toSearch(request.query), narrowOf(p));
        return { items: page.items.map((r) => presentItem(r.item, r.light)), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/items/facets',
      spec(
        { scope: 'items:read' },
        { tags: ['items'], summary: '事项计数 Counts of a list by state, light, ledger type and lead unit', querystring: ItemFacetQuerySchema },
        { 200: ItemFacetsSchema },
      ),
      async (request) => {
        const p = principalOf(request);
        const { by, ...filters } = request.query;
        return itemFacets(deps.app, p.ref, toSearch(filters), new Set(by ?? FACETS), narrowOf(p));
      },
    );

    app.get(
      '/items/:id',
      spec({ scope: 'items:read' }, { tags: ['items'], summary: '事项详情 One item', params: IdParamSchema }, { 200: ItemDetailSchema }),
      async (request, reply) => {
        const p = principalOf(request);
        await requireInNarrowScope(deps.app, p.ref, request.params.id, narrowOf(p));
        const d = await showItem(deps.app, p.ref, request.params.id);
        reply.header('etag', etag(d.item.version));
        const slugs = d.actions.map(slugOfCommand).filter((s): s is NonNullable<typeof s> => s !== null);
        return {
          item: presentItem(d.item, d.light),
          children: d.children.map((c) => presentItem(c.item, c.light)),
          timeline: d.timeline.map(presentTimelineEntry),
          actions: [...new Set(slugs)].filter((s) => p.kind === 'session' || p.token.scopes.includes(`action:${s}`)),
          editable: d.actions.includes('EditDraft') || d.actions.includes('EditItem'),
          provenance: d.provenance,
          signatures: d.signatures.map((s) => ({ status: '已签章' as const, ...s })),
        };
      },
    );

    app.post(
      '/items',
      spec(
        { scope: 'items:create', writes: true },
        { tags: ['items'], summary: '立项（并交办）Create a draft item, or create and assign it in one step with `assign`', body: ItemCreateBodySchema },
        { 201: ActionResultSchema },
      ),
      async (request, reply) => {
        const p = principalOf(request);
        if (request.body.parentId) await requireInNarrowScope(deps.app, p.ref, request.body.parentId, narrowOf(p));
        const owner = request.body.ownerUnitId ?? p.user.unitId;
        if (p.kind === 'token' && !(await withinToken(deps, p, owner))) {
          throw new AccountError('token_scope_forbidden', 'This token may not create items for that unit.', '该令牌不能为该单位立项。');
        }
        const { assign, ...input } = request.body;
        // 立项并交办 is also 交办: a token needs the assign scope for it, as for POST /items/:id/assign.
        if (assign && p.kind === 'token' && !p.token.scopes.includes('action:assign')) {
          throw new AccountError('token_scope_forbidden', 'This token may not assign items.', '该令牌没有交办权限。');
        }
        const { item, warnings } = assign ? await createAndAssign(deps.app, p.ref, input, assign) : await createItem(deps.app, p.ref, input);
        const row = await rowOf(deps.app, p.ref, item);
        reply
          .code(201)
          .header('etag', etag(item.version))
          .header('location', `/api/v1/items/${encodeURIComponent(item.id)}`);
        const personal = personalDataWarnings(deps.app, deps.tenantId, item.ledgerType, request.body);
        if (personal.length > 0) reply.header('luoshi-personal-data', warningHeader(personal));
        const zh = langOf(request) === 'zh';
        const told = (warnings ?? []).map((w) => ({ code: w.code, unitId: w.unitId, message: zh ? w.messageZh : w.message }));
        return { ...presentItem(row.item, row.light), ...(told.length > 0 && { warnings: told }) };
      },
    );

    app.patch(
      '/items/:id',
      spec(
        { scope: 'items:edit', writes: true },
        {
          tags: ['items'],
          summary: '修改 Edit a draft, or correct an item at work as its supervisor (title, content, priority, fields; If-Match)',
          params: IdParamSchema,
          body: ItemPatchBodySchema,
        },
        { 200: ItemViewSchema, 409: ItemViewSchema, 412: ItemViewSchema },
      ),
      async (request, reply) => {
        const p = principalOf(request);
        await requireInNarrowScope(deps.app, p.ref, request.params.id, narrowOf(p));
        const { item } = await editItem(deps.app, p.ref, request.params.id, request.body, expectedVersion(request.headers['if-match']).expectedVersion);
        const warnings = personalDataWarnings(deps.app, deps.tenantId, item.ledgerType, request.body);
        if (warnings.length > 0) reply.header('luoshi-personal-data', warningHeader(warnings));
        const row = await rowOf(deps.app, p.ref, item);
        reply.header('etag', etag(item.version));
        return presentItem(row.item, row.light);
      },
    );
    done();
  };
}

/** Whether a unit lies in a token's subtree (a token may only create items owned there). */
async function withinToken(deps: ApiDeps, p: Extract<Principal, { kind: 'token' }>, unitId: string): Promise<boolean> {
  const sub = await deps.app.store.read.units.subtreeIds(deps.tenantId, p.token.unitId);
  return sub.includes(unitId);
}
