/*
 * Test support: the child process of the crash test (run with tsx; its one argument is a JSON CrashChildConfig).
 * It drives directive items of a LedgerCity through their whole life via the use cases, forever, keeping a
 * few open at a time, and prints `ack {...}` on stdout for each action only after its transaction has
 * committed. A restarted child picks up where the killed one stopped, from the database alone.
 */
import { randomUUID } from 'node:crypto';
import type { TenantId } from '../../domain/ids.js';
import type { Item } from '../../domain/item.js';
import { addDays, toLocalDate } from '../../domain/time.js';
import { openStore, type DatabaseConfig, type Store } from '../../store/index.js';
import type { AppDeps } from '../context.js';
import { createItem } from '../items/create.js';
import type { ActionResult } from '../items/perform.js';
import { performAction } from '../items/perform.js';
import { ledgerCity } from './ledger-city.js';
import { DRIVEN_ITEM, nextKind, stepOf } from './life.js';

export interface CrashChildConfig {
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly tenantId: TenantId;
  readonly departments: number;
  /** Checkpoint after this many events, so that kills also land around checkpoint writes. */
  readonly checkpointEvery: number;
}

/** One acknowledged action: the item's version after it and its events as (sequence number, type). */
export interface Ack {
  readonly item: string;
  readonly version: number;
  readonly events: readonly (readonly [number, string])[];
}

/** Items kept open at once: new ones are created as others close. */
const WORKING_SET = 6;

async function openItems(store: Store, tenantId: TenantId): Promise<Item[]> {
  const open: Item[] = [];
  let after: string | null = null;
  do {
    const page = await store.read.items.list(tenantId, {}, { order: 'created_asc', limit: 1000, after });
    open.push(...page.items.filter((i) => nextKind(i) !== null));
    after = page.nextCursor;
  } while (after !== null);
  return open;
}

function acknowledge(r: ActionResult): void {
  const ack: Ack = { item: r.item.id, version: r.item.version, events: r.events.map((e) => [e.seq, e.type] as const) };
  // stdout to a pipe is written synchronously on Linux: once this returns, the parent can read the line.
  process.stdout.write(`ack ${JSON.stringify(ack)}\n`);
}

async function run(config: CrashChildConfig): Promise<never> {
  const store = await openStore({ database: config.database, dataDir: config.dataDir, migrate: false, checkpoints: { everyEvents: config.checkpointEvery } });
  const city = ledgerCity(config.tenantId, { departments: config.departments });
  const deps: AppDeps = { store, now: () => new Date(), newId: randomUUID };
  const open = await openItems(store, config.tenantId);
  process.stdout.write('ready\n');
  for (let n = 0; ; n++) {
    if (open.length < WORKING_SET) {
      const r = await createItem(deps, city.supervisor, DRIVEN_ITEM);
      acknowledge(r);
      open.push(r.item);
      continue;
    }
    const i = n % open.length;
    const item = open[i]!;
    const deadline = addDays(toLocalDate(deps.now().toISOString(), 'Asia/Shanghai'), 30);
    const step = stepOf(nextKind(item)!, city, item, Number.parseInt(item.id.slice(0, 6), 16), deadline);
    // We are the only writer: the version we last saw must still be current, or something went wrong.
    const r = await performAction(deps, step.as, item.id, { ...step.command, expectedVersion: item.version });
    acknowledge(r);
    if (nextKind(r.item) === null) open.splice(i, 1);
    else open[i] = r.item;
  }
}

const arg = process.argv[2];
if (!arg) {
  process.stderr.write('usage: crash-child.ts CONFIG_JSON\n');
  process.exit(2);
}
await run(JSON.parse(arg) as CrashChildConfig);
