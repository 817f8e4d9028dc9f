/*
 * Test support for the monitoring-signal use cases (no vitest imports): a small city with a CDC, three
 * districts and a district health bureau, built through the app, and CSV helpers for count series.
 */
import type { LocalDate } from '../../domain/ids.js';
import { addDays } from '../../domain/time.js';
import type { Store } from '../../store/index.js';
import { freshId } from '../../store/testing/dialects.js';
import type { AppDeps } from '../context.js';
import { addUnits, addUsers, ensureTenant } from '../organisation.js';

/** 2026-03-16 09:00 in Shanghai, a Monday. */
export const SIGNALS_T0 = '2026-03-16T01:00:00.000Z';

export interface MovableClock {
  now: Date;
  /** Moves the clock on by minutes. */
  advance(minutes: number): void;
}

export function movableClock(start = SIGNALS_T0): MovableClock {
  const c: MovableClock = {
    now: new Date(start),
    advance(minutes: number) {
      c.now = new Date(c.now.getTime() + minutes * 60_000);
    },
  };
  return c;
}

let ids = 0;

export function signalDeps(store: Store, clock: MovableClock): AppDeps {
  return { store, now: () => clock.now, newId: () => `sig-${process.pid}-${++ids}` };
}

/**
 * A fresh tenant: 示范市 with 市疾控中心 (where the supervisor `sup` sits), 东城区 with its 卫生健康局 (handler
 * `d1h`), 西城区 (code XC, handler `d2`, district supervisor `d2sup`), 南城区 (handler `d3`), and `admin`.
 */
export async function seedSignalCity(deps: AppDeps) {
  const tenantId = freshId('sig');
  await ensureTenant(deps, { id: tenantId, name: '示范市', signingPolicy: 'when_enrolled' });
  await addUnits(deps, tenantId, [
    { id: 'city', name: '示范市', kind: 'city', parentId: null },
    { id: 'cdc', name: '市疾控中心', kind: 'department', parentId: 'city' },
    { id: 'd1', name: '东城区', kind: 'district', parentId: 'city' },
    { id: 'd1h', name: '东城区卫生健康局', kind: 'department', parentId: 'd1' },
    { id: 'd2', name: '西城区', kind: 'district', parentId: 'city', code: 'XC' },
    { id: 'd3', name: '南城区', kind: 'district', parentId: 'city' },
  ]);
  await addUsers(deps, tenantId, [
    { id: 'u-sup', username: 'sup', displayName: '疾控督办员', unitId: 'cdc', roles: ['supervisor'] },
    { id: 'u-d1h', username: 'd1h', displayName: '东城卫健承办人', unitId: 'd1h', roles: ['handler'] },
    { id: 'u-d2', username: 'd2', displayName: '西城承办人', unitId: 'd2', roles: ['handler'] },
    { id: 'u-d3', username: 'd3', displayName: '南城承办人', unitId: 'd3', roles: ['handler'] },
    { id: 'u-d2sup', username: 'd2sup', displayName: '西城督办员', unitId: 'd2', roles: ['supervisor'] },
    { id: 'u-admin', username: 'admin', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] },
  ]);
  const as = (username: string) => ({ tenantId, username });
  return { tenantId, as, operator: { tenantId, operator: true as const } };
}

/** CSV text with the header region,indicator,period,count and the given rows. */
export function countsCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return ['region,indicator,period,count', ...rows.map((r) => r.map((v) => (v === null ? '' : String(v))).join(','))].join('\n');
}

/** Rows of a daily series: one per count, from `start` on (null counts are written empty, i.e. missing). */
export function dailyRows(region: string, indicator: string, start: LocalDate, counts: readonly (number | null)[]): (string | number | null)[][] {
  return counts.map((c, i) => [region, indicator, addDays(start, i), c]);
}

/** Fifteen days of fever-clinic visits, 2026-03-01 … 03-15: steady, with `last` on the fifteenth. */
export const steadyThen = (last: number | null): (number | null)[] => [5, 6, 5, 7, 6, 5, 6, 5, 6, 7, 5, 6, 5, 6, last];
