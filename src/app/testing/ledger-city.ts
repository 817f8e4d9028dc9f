/*
 * Test and benchmark support (no vitest imports): a city set up through the app itself for racing, crashing
 * and timing the loop. 市委督查室 holds the supervisor, the city the leader, and each department of the list
 * below (cycled, numbered past the twentieth) its handlers.
 */
import type { TenantId } from '../../domain/ids.js';
import type { NewUnit } from '../../store/index.js';
import type { ActorRef, AppDeps } from '../context.js';
import { addUnits, addUsers, ensureTenant, type UserSetup } from '../organisation.js';

const DEPARTMENTS = [
  '市发展改革委',
  '市教育局',
  '市科技局',
  '市工业和信息化局',
  '市公安局',
  '市民政局',
  '市司法局',
  '市财政局',
  '市人力资源社会保障局',
  '市自然资源和规划局',
  '市生态环境局',
  '市住房城乡建设局',
  '市交通运输局',
  '市水务局',
  '市农业农村局',
  '市商务局',
  '市文化广电旅游局',
  '市卫生健康委',
  '市应急管理局',
  '市市场监管局',
] as const;

export interface LedgerCityOptions {
  /** How many departments (lead units); 16 by default. */
  readonly departments?: number;
  /** Handlers per department; 1 by default. */
  readonly handlersPerDepartment?: number;
}

/** A user acting by username (as the CLI's `--as`). */
export type NamedActor = Extract<ActorRef, { readonly username: string }>;

export interface LedgerCity {
  readonly tenantId: TenantId;
  /** Unit ids of the departments, in order. */
  readonly departments: readonly string[];
  readonly supervisor: NamedActor;
  readonly leader: NamedActor;
  /** The handlers of department `d` (an index into `departments`). */
  handlers(d: number): readonly NamedActor[];
}

/** Unit id of the d-th department (0-based). */
const deptId = (d: number): string => `dept-${String(d + 1).padStart(3, '0')}`;

/** Rebuilds the city's handles from its tenant id and options, e.g. in a child process that did not seed it. */
export function ledgerCity(tenantId: TenantId, options: LedgerCityOptions = {}): LedgerCity {
  const departments = Array.from({ length: options.departments ?? 16 }, (_, d) => deptId(d));
  const perDept = options.handlersPerDepartment ?? 1;
  return {
    tenantId,
    departments,
    supervisor: { tenantId, username: 'sup' },
    leader: { tenantId, username: 'leader' },
    handlers: (d) => Array.from({ length: perDept }, (_, k) => ({ tenantId, username: `${deptId(d)}.h${k + 1}` })),
  };
}

/**
 * Creates the tenant, its units and its users through the use cases (each recorded in the chain).
 * @throws StoreError `already_exists` when the tenant already has these units.
 */
export async function seedLedgerCity(deps: AppDeps, tenantId: TenantId, options: LedgerCityOptions = {}): Promise<LedgerCity> {
  const city = ledgerCity(tenantId, options);
  await ensureTenant(deps, { id: tenantId, name: '示范市', timeZone: 'Asia/Shanghai', signingPolicy: 'when_enrolled' });
  const units: NewUnit[] = [
    { id: 'city', name: '示范市', kind: 'city', parentId: null },
    { id: 'swb', name: '市委办公室', kind: 'department', parentId: 'city' },
    { id: 'dcs', name: '市委督查室', kind: 'department', parentId: 'swb' },
    ...city.departments.map((id, d): NewUnit => {
      const base = DEPARTMENTS[d % DEPARTMENTS.length]!;
      const round = Math.floor(d / DEPARTMENTS.length);
      return { id, name: round === 0 ? base : `${base}(${round + 1})`, kind: 'department', parentId: 'city' };
    }),
  ];
  await addUnits(deps, tenantId, units);
  const users: UserSetup[] = [
    { id: 'u-sup', username: 'sup', displayName: '督办员', unitId: 'dcs', roles: ['supervisor'] },
    { id: 'u-leader', username: 'leader', displayName: '市领导', unitId: 'city', roles: ['leader'] },
  ];
  city.departments.forEach((unitId, d) => {
    for (const { username } of city.handlers(d)) users.push({ id: `u-${username}`, username, displayName: `承办人 ${username}`, unitId, roles: ['handler'] });
  });
  await addUsers(deps, tenantId, users);
  return city;
}
