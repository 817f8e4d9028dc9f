import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rowsOf } from '../../app/search/search-items.js';
import { computeStats, OPEN_LIGHTS, type LightCounts, type StatsQuery as ScopedStatsQuery } from '../../app/stats.js';
import { METRIC_KEYS, METRICS, type MetricKey } from '../../domain/metrics/definitions.js';
import type { Figure } from '../../domain/metrics/figures.js';
import type { MetricsReport } from '../../domain/metrics/report.js';
import { ItemViewSchema, StatsQuerySchema, StatsViewSchema } from '../../contracts/http/items.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { presentItem } from '../presenters.js';
import { spec } from '../spec.js';
import { narrowOf } from './items.js';

type StatsQuery = z.infer<typeof StatsQuerySchema>;

const DrillQuerySchema = z
  .object({
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
    by: z.enum(['deadline', 'assigned', 'closed']).default('deadline'),
    groupBy: z.enum(['leadUnit', 'ledgerType']).default('leadUnit'),
    ledger: z.string().max(400).optional(),
    metric: z.enum(METRIC_KEYS),
    group: z.string().max(200).optional().describe('a group key; the total when absent'),
    part: z.enum(['numerator', 'denominator']).default('numerator'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

function toQuery(q: { from?: string; to?: string; by: 'deadline' | 'assigned' | 'closed'; groupBy: 'leadUnit' | 'ledgerType'; ledger?: string[] | string }): ScopedStatsQuery {
  const ledgers = typeof q.ledger === 'string' ? q.ledger.split(',').filter(Boolean) : q.ledger;
  return { ledgerTypes: ledgers, groupBy: q.groupBy, period: q.from && q.to ? { from: q.from, to: q.to, by: q.by } : undefined };
}

function figureIds(f: Figure, part: 'numerator' | 'denominator'): readonly string[] {
  if (f.kind === 'rate') return part === 'numerator' ? f.numeratorIds : f.denominatorIds;
  return f.ids;
}

/** A report with each figure's id lists replaced by links to the items behind it. */
function presentReport(report: MetricsReport, base: URLSearchParams, group: string | null | undefined) {
  const out: Record<string, unknown> = {};
  for (const key of METRIC_KEYS) {
    const f = report[key];
    const link = (part: string) => {
      const p = new URLSearchParams(base);
      p.set('metric', key);
      p.set('part', part);
      if (group !== undefined) p.set('group', group ?? '');
      return `/api/v1/stats/items?${p.toString()}`;
    };
    const { kind, value } = f;
    out[key] = {
      kind,
      value,
      name: METRICS[key].name,
      ...(f.kind === 'rate' ? { numerator: f.numerator, denominator: f.denominator, items: link('numerator'), denominatorItems: link('denominator') } : {}),
      ...(f.kind === 'mean' ? { count: f.count, items: link('numerator') } : {}),
      ...(f.kind === 'count' ? { items: link('numerator') } : {}),
    };
  }
  return out;
}

/**
 * Light counts, each with the item list filtered to the items behind it: the group's unit (or ledger type) and
 * the ledger filter, and the light. The list computes lights as the stats do, so it lists exactly `count` items.
 * Null for open items without a lead unit, which no list filter selects.
 */
function presentLights(counts: LightCounts, q: StatsQuery, group: string | null | undefined) {
  const out: Record<string, { count: number; items: string | null }> = {};
  for (const light of OPEN_LIGHTS) {
    const p = new URLSearchParams();
    if (group !== undefined && q.groupBy === 'ledgerType') p.set('ledger', group ?? '');
    else if (q.ledger) p.set('ledger', q.ledger.join(','));
    if (group !== undefined && q.groupBy === 'leadUnit' && group !== null) p.set('unit', group);
    p.set('light', light);
    out[light] = { count: counts[light], items: group === null ? null : `/api/v1/items?${p.toString()}` };
  }
  return out as Record<(typeof OPEN_LIGHTS)[number], { count: number; items: string | null }>;
}

function baseParams(q: StatsQuery): URLSearchParams {
  const p = new URLSearchParams({ by: q.by, groupBy: q.groupBy });
  if (q.from && q.to) {
    p.set('from', q.from);
    p.set('to', q.to);
  }
  if (q.ledger) p.set('ledger', q.ledger.join(','));
  return p;
}

/** GET /stats (per unit or ledger type over a period, with the open items' lights) and GET /stats/items (the items behind one figure). */
export function statsRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    app.get(
      '/stats',
      spec({ scope: 'stats:read' }, { tags: ['stats'], summary: '考核统计 Statistics per unit or ledger type', querystring: StatsQuerySchema }, { 200: StatsViewSchema }),
      async (request) => {
        const p = principalOf(request);
        const s = await computeStats(deps.app, p.ref, toQuery(request.query), narrowOf(p));
        const base = baseParams(request.query);
        return {
          at: s.at,
          itemCount: s.itemCount,
          total: presentReport(s.total, base, undefined),
          groups: s.groups.map((g) => ({ key: g.key, label: g.label, itemCount: g.itemCount, figures: presentReport(g.report, base, g.key) })),
          ranking: s.ranking,
          lights: {
            total: presentLights(s.lights.total, request.query, undefined),
            groups: s.lights.groups.map((g) => ({ key: g.key, label: g.label, counts: presentLights(g.counts, request.query, g.key) })),
          },
        };
      },
    );

    app.get(
      '/stats/items',
      spec(
        { scope: 'stats:read' },
        { tags: ['stats'], summary: '统计数字背后的事项 Items behind a figure', querystring: DrillQuerySchema },
        { 200: z.object({ total: z.number(), items: z.array(ItemViewSchema) }) },
      ),
      async (request) => {
        const p = principalOf(request);
        const q = request.query;
        const s = await computeStats(deps.app, p.ref, toQuery(q), narrowOf(p));
        const report = q.group === undefined ? s.total : s.groups.find((g) => (g.key ?? '') === q.group)?.report;
        const ids = report ? figureIds(report[q.metric as MetricKey], q.part) : [];
        const rows = await rowsOf(deps.app, p.ref, ids.slice(q.offset, q.offset + q.limit), narrowOf(p));
        return { total: ids.length, items: rows.map((r) => presentItem(r.item, r.light)) };
      },
    );
    done();
  };
}
