import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { AppError } from '../../app/errors.js';
import {
  configureIndicator,
  detectSignals,
  listIndicators,
  listResponsibleUnits,
  seriesChart,
  setResponsibleUnit,
  signalStatistics,
  switchIndicator,
  type DetectReport,
  type SeriesStatus,
  type SignalStats,
} from '../../app/signals/index.js';
import { ProblemSchema } from '../../contracts/http/common.js';
import {
  DetectBodySchema,
  DetectReportSchema,
  IndicatorBodySchema,
  IndicatorKeyParamSchema,
  IndicatorListSchema,
  IndicatorQuerySchema,
  IndicatorSwitchBodySchema,
  IndicatorViewSchema,
  ResponsibleBodySchema,
  ResponsibleListSchema,
  ResponsibleViewSchema,
  SeriesChartSchema,
  SeriesQuerySchema,
  SignalStatsQuerySchema,
  SignalStatsSchema,
} from '../../contracts/http/signals.js';
import { ANY_INDICATOR, type SignalIndicator, type SignalResponsible, type StoredUnit } from '../../store/index.js';
import { principalOf, type Principal } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';
import { registerCountsRoute } from './signal-counts.js';

const TAGS = ['signals'];

/** The plugin's instance, typed by the zod provider (request bodies and queries take their schemas' types). */
export type ZodApp = Parameters<FastifyPluginCallbackZod>[0];

const presentIndicator = (i: SignalIndicator) => ({
  key: i.key,
  name: i.name,
  algorithm: i.algorithm,
  control: i.control,
  frequency: i.frequency,
  windowPeriods: i.windowPeriods,
  ledgerType: i.ledgerType,
  createdAt: i.createdAt,
  updatedAt: i.updatedAt,
  disabledAt: i.disabledAt,
});

const presentResponsible = (r: SignalResponsible, units: ReadonlyMap<string, StoredUnit>) => ({
  regionUnitId: r.regionUnitId,
  regionName: units.get(r.regionUnitId)?.name ?? null,
  indicator: r.indicatorKey === ANY_INDICATOR ? null : r.indicatorKey,
  unitId: r.unitId,
  unitName: units.get(r.unitId)?.name ?? null,
});

/** The units an API token is bound to (its unit's subtree); null for a person's session, who sees its whole scope. */
async function tokenUnits(deps: ApiDeps, p: Principal): Promise<ReadonlySet<string> | null> {
  if (p.kind !== 'token') return null;
  return new Set(await deps.app.store.read.units.subtreeIds(deps.tenantId, p.token.unitId));
}

/** A detection report cut to a token's regions; the series left out count as out of scope. */
function narrowDetect(r: DetectReport, units: ReadonlySet<string> | null): DetectReport {
  if (units === null) return r;
  const series = r.series.filter((s) => units.has(s.region));
  const totals: Record<SeriesStatus, number> = { alarm_opened: 0, alarm_open: 0, no_alarm: 0, no_result: 0, error: 0 };
  for (const s of series) totals[s.status] += 1;
  return { ...r, series, totals, outOfScope: r.outOfScope + r.series.length - series.length };
}

/** Statistics cut to a token's units; the totals stay only when they cover exactly the rows given. */
function narrowStats(s: SignalStats, units: ReadonlySet<string> | null) {
  if (units === null) return s;
  const byUnit = s.byUnit.filter((u) => units.has(u.unitId));
  return { ...s, totals: byUnit.length === s.byUnit.length ? s.totals : null, byUnit, byUnitWeek: s.byUnitWeek.filter((u) => units.has(u.unitId)) };
}

function configRoutes(app: ZodApp, deps: ApiDeps): void {
  // Configuration is a person's act, recorded in the chain under their name: sessions only, supervisors only.
  const configure = { auth: 'session' as const, writes: true };
  app.get(
    '/signals/indicators',
    spec({ scope: 'signals:read' }, { tags: TAGS, summary: '监测指标 Indicators with their algorithm and controls' }, { 200: IndicatorListSchema }),
    async (request) => ({
      indicators: (await listIndicators(deps.app, principalOf(request).ref)).map(presentIndicator),
    }),
  );

  app.post(
    '/signals/indicators',
    spec(
      configure,
      { tags: TAGS, summary: '配置监测指标 Add an indicator, or replace it with ?replace=true (supervisors)', body: IndicatorBodySchema, querystring: IndicatorQuerySchema },
      { 200: IndicatorViewSchema, 201: IndicatorViewSchema, 409: ProblemSchema },
    ),
    async (request, reply) => {
      const existed = (await deps.app.store.read.signals.indicators.get(deps.tenantId, request.body.key)) !== undefined;
      const indicator = await configureIndicator(deps.app, principalOf(request).ref, request.body, { replace: request.query.replace });
      reply.code(existed ? 200 : 201);
      return presentIndicator(indicator);
    },
  );

  app.put(
    '/signals/indicators/:key/enabled',
    spec(
      configure,
      {
        tags: TAGS,
        summary: '停用或启用监测指标 Switch an indicator off or on again (supervisors)',
        params: IndicatorKeyParamSchema,
        body: IndicatorSwitchBodySchema,
      },
      { 200: IndicatorViewSchema },
    ),
    async (request) => presentIndicator(await switchIndicator(deps.app, principalOf(request).ref, request.params.key, request.body.enabled)),
  );

  app.get(
    '/signals/responsibles',
    spec({ scope: 'signals:read' }, { tags: TAGS, summary: "预警责任单位 Who answers for each region's alarms" }, { 200: ResponsibleListSchema }),
    async (request) => {
      const p = principalOf(request);
      const [table, units, narrow] = await Promise.all([listResponsibleUnits(deps.app, p.ref), deps.app.store.read.units.list(deps.tenantId), tokenUnits(deps, p)]);
      const byId = new Map(units.map((u) => [u.id, u]));
      return { responsibles: table.filter((r) => narrow === null || narrow.has(r.regionUnitId)).map((r) => presentResponsible(r, byId)) };
    },
  );

  app.put(
    '/signals/responsibles',
    spec(
      configure,
      { tags: TAGS, summary: "设置预警责任单位 Name the unit answering for a region's alarms (supervisors)", body: ResponsibleBodySchema },
      { 200: ResponsibleViewSchema },
    ),
    async (request) => {
      const r = await setResponsibleUnit(deps.app, principalOf(request).ref, request.body);
      const units = await deps.app.store.read.units.list(deps.tenantId);
      return presentResponsible(r, new Map(units.map((u) => [u.id, u])));
    },
  );
}

function readRoutes(app: ZodApp, deps: ApiDeps): void {
  app.post(
    '/signals/detect',
    spec(
      { scope: 'signals:detect', writes: true },
      { tags: TAGS, summary: '运行监测预警检测 Evaluate every series and open an item per new alarm (supervisors)', body: DetectBodySchema.nullish() },
      { 200: DetectReportSchema },
    ),
    async (request) => {
      const p = principalOf(request);
      return narrowDetect(await detectSignals(deps.app, p.ref, request.body ?? {}), await tokenUnits(deps, p));
    },
  );

  app.get(
    '/signals/stats',
    spec(
      { scope: 'signals:read' },
      { tags: TAGS, summary: '监测预警响应统计 Signals per unit and week, response within 24 h, median response time', querystring: SignalStatsQuerySchema },
      { 200: SignalStatsSchema },
    ),
    async (request) => {
      const p = principalOf(request);
      return narrowStats(await signalStatistics(deps.app, p.ref, request.query), await tokenUnits(deps, p));
    },
  );

  app.get(
    '/signals/series',
    spec(
      { scope: 'signals:read' },
      { tags: TAGS, summary: '监测序列图 A series for charting: counts, threshold band, alarms and their items', querystring: SeriesQuerySchema },
      { 200: SeriesChartSchema },
    ),
    async (request) => {
      const p = principalOf(request);
      const q = request.query;
      const chart = await seriesChart(deps.app, p.ref, q);
      const narrow = await tokenUnits(deps, p);
      if (narrow !== null && !narrow.has(chart.region.id)) {
        throw new AppError('series_not_found', `No series ${q.indicator} in ${q.region} that you may see.`, `未找到地区“${q.region}”的指标 ${q.indicator} 序列（或无权查看）。`, {
          ...q,
        });
      }
      return chart;
    },
  );
}

/**
 * Monitoring signals over HTTP (监测预警): indicators and responsible units (configured by supervisors in a
 * session), count import (JSON or CSV), detection, the CIDARS statistics and a chart-ready series. API
 * tokens need `signals:read`, `signals:ingest` or `signals:detect`, and see only their unit's regions.
 */
export function signalRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    configRoutes(app, deps);
    readRoutes(app, deps);
    registerCountsRoute(app, deps);
    done();
  };
}
