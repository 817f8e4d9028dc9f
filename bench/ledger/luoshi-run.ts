/*
 * The Luoshi side of the ledger benchmark: a city set up through the app, then items created and actions
 * applied one use case (one transaction) at a time, each timed. A refused action is a bug in the workload,
 * not a data point: it stops the run.
 */
import { randomUUID } from 'node:crypto';
import { createItem, performAction, type AppDeps } from '../../src/app/index.js';
import type { Item } from '../../src/domain/item.js';
import type { Store } from '../../src/store/index.js';
import { seedLedgerCity } from '../../src/app/testing/ledger-city.js';
import { stepOf } from '../../src/app/testing/life.js';
import { Latencies } from './figures.js';
import { plan } from './plan.js';

export const BENCH_TENANT = 'bench';
export const DEPARTMENTS = 40;
/** The simulated clock starts here and moves one second per operation. */
const T0 = Date.parse('2026-03-02T01:00:00.000Z');
const DEADLINE = '2026-09-30';

const TITLES = [
  '健全及时发现、快速处置、精准管控、有效救治的常态化防控机制',
  '严格落实八大疫情防控监测预警机制',
  '落实常态化的矛盾纠纷排查化解机制',
  '全面排查整治城市安全运行风险隐患',
  '帮助企业解决租金、税费、社保等方面难题',
  '抓好中央环保督察反馈问题整改',
] as const;

export interface LuoshiRun {
  readonly items: number;
  readonly actions: number;
  /** Time inside the use cases (summed per call; the chunk hook and the workload's own work are not counted). */
  readonly createMs: number;
  readonly actMs: number;
  /** Per use case: CreateItem and each command type. */
  readonly latencies: Latencies;
}

export type Progress = (phase: string, done: number, total: number) => void;

export interface RunOptions {
  readonly items: number;
  readonly actions: number;
  readonly progress: Progress;
  /** Called after every `chunk` operations and at the end (the baseline catches up there). */
  readonly chunk: number;
  readonly onChunk: () => Promise<void>;
}

/**
 * Seeds the city in `store` (tenant BENCH_TENANT), creates `items` items and applies `actions` actions.
 * @throws whatever a use case throws: the workload never makes a refused action.
 */
export async function runLuoshi(store: Store, { items, actions, progress, chunk, onChunk }: RunOptions): Promise<LuoshiRun> {
  let clock = T0;
  const deps: AppDeps = { store, now: () => new Date(clock), newId: randomUUID };
  const city = await seedLedgerCity(deps, BENCH_TENANT, { departments: DEPARTMENTS });
  const latencies = new Latencies();
  const live: Item[] = new Array<Item>(items);
  let ops = 0;
  const step = async () => {
    if (++ops % chunk === 0) await onChunk();
  };

  let createMs = 0;
  for (let i = 0; i < items; i++) {
    clock += 1000;
    const t = performance.now();
    const { item } = await createItem(deps, city.supervisor, {
      ledgerType: 'directive',
      title: TITLES[i % TITLES.length]!,
      content: '市委常委会会议要求:建立台账,明确任务,落实责任,按时反馈办理进展。',
      fields: { category: 'meeting_decision', sourceName: '市委常委会会议' },
    });
    const ms = performance.now() - t;
    latencies.add('CreateItem', ms);
    createMs += ms;
    live[i] = item;
    progress('create', i + 1, items);
    await step();
  }

  let actMs = 0;
  let done = 0;
  for (const a of plan(items, actions)) {
    clock += 1000;
    const item = live[a.item]!;
    const next = stepOf(a.kind, city, item, a.item + a.round, DEADLINE);
    const t = performance.now();
    const r = await performAction(deps, next.as, item.id, next.command);
    const ms = performance.now() - t;
    latencies.add(next.command.type as string, ms);
    actMs += ms;
    live[a.item] = r.item;
    progress('act', ++done, actions);
    await step();
  }
  await onChunk();
  return { items, actions: done, createMs, actMs, latencies };
}
