import { DEFAULT_CATALOGUE } from '../../extract/catalogue.js';
import type { Role } from '../../domain/roles.js';
import type { NewUnit } from '../../store/index.js';
import type { UserSetup } from '../organisation.js';

/*
 * The demo city 示范市: the departments of the shipped catalogue under the city, a 督查室 inside 市委办公室,
 * three districts with their own bureaus, streets and communities, and users of every role. Unit ids are
 * readable so the CLI can be driven by hand (`--lead dept-wjw`).
 */

export const DEMO_TENANT = { id: 'default', name: '示范市', timeZone: 'Asia/Shanghai' } as const;

const DISTRICTS = [
  { id: 'd1', name: '东城区', streets: ['和平街道', '新华街道'] },
  { id: 'd2', name: '西城区', streets: ['金桥街道', '城南镇'] },
  { id: 'd3', name: '高新区', streets: ['科创街道', '湖畔街道'] },
] as const;

/** Bureaus every demo district has, as `[suffix, name]`. */
const DISTRICT_BUREAUS = [
  ['yjj', '应急管理局'],
  ['wjj', '卫生健康局'],
  ['zjj', '住房和城乡建设局'],
  ['scj', '市场监督管理局'],
  ['sfj', '司法局'],
] as const;

export function demoUnits(): NewUnit[] {
  const units: NewUnit[] = [{ id: 'city', name: DEMO_TENANT.name, kind: 'city', parentId: null, code: '000000', sortOrder: 0 }];
  DEFAULT_CATALOGUE.departments.forEach((d, i) => units.push({ id: `dept-${d.id}`, name: d.name, kind: 'department', parentId: 'city', sortOrder: 10 + i }));
  units.push({ id: 'dept-swb-dcs', name: '市委督查室', kind: 'department', parentId: 'dept-swb', sortOrder: 0 });
  DISTRICTS.forEach((d, di) => {
    units.push({ id: d.id, name: d.name, kind: 'district', parentId: 'city', sortOrder: 100 + di });
    DISTRICT_BUREAUS.forEach(([suffix, name], bi) => units.push({ id: `${d.id}-${suffix}`, name: `${d.name}${name}`, kind: 'department', parentId: d.id, sortOrder: bi }));
    d.streets.forEach((s, si) => {
      const street = `${d.id}-s${si + 1}`;
      units.push({ id: street, name: s, kind: 'street', parentId: d.id, sortOrder: 10 + si });
      for (const c of [1, 2]) {
        units.push({ id: `${street}-c${c}`, name: `${s.replace(/街道|镇/, '')}第${c === 1 ? '一' : '二'}社区`, kind: 'community', parentId: street, sortOrder: c });
      }
    });
  });
  return units;
}

const user = (username: string, displayName: string, unitId: string, roles: Role[], password?: string): UserSetup => ({
  id: `u-${username.replace(/\./g, '-')}`,
  username,
  displayName,
  unitId,
  roles,
  password,
});

/** Handlers of the city departments the demo items go to. */
export const DEMO_DEPARTMENT_HANDLERS = ['wjw', 'yjj', 'zjj', 'sthjj', 'swuj', 'sfj', 'jyj', 'scjgj', 'rsj', 'cgj', 'gaj', 'minzheng'] as const;

export function demoUsers(password?: string): UserSetup[] {
  const byCatalogue = new Map(DEFAULT_CATALOGUE.departments.map((d) => [d.id, d.name]));
  const users: UserSetup[] = [
    user('supervisor', '市委督查室 督办员', 'dept-swb-dcs', ['supervisor'], password),
    user('leader', '市领导', 'city', ['leader'], password),
    user('auditor', '审计管理员', 'city', ['auditor'], password),
    user('sysadmin', '系统管理员', 'city', ['system_admin'], password),
    user('secadmin', '安全管理员', 'city', ['security_admin'], password),
  ];
  for (const id of DEMO_DEPARTMENT_HANDLERS) {
    if (byCatalogue.has(id)) users.push(user(`${id}.handler`, `${byCatalogue.get(id)} 承办人`, `dept-${id}`, ['handler'], password));
  }
  // Every other department of the catalogue gets a handler too: a readout's directives may go to any of them,
  // and work handed to a unit nobody can act for would sit unseen until it turns red.
  const named: ReadonlySet<string> = new Set(DEMO_DEPARTMENT_HANDLERS);
  for (const d of DEFAULT_CATALOGUE.departments) {
    if (!named.has(d.id)) users.push(user(`${d.id}.handler`, `${d.name} 承办人`, `dept-${d.id}`, ['handler'], password));
  }
  for (const d of DISTRICTS) {
    users.push(user(`${d.id}.supervisor`, `${d.name} 督办员`, d.id, ['supervisor'], password));
    users.push(user(`${d.id}.leader`, `${d.name} 领导`, d.id, ['leader'], password));
    for (const [suffix, name] of DISTRICT_BUREAUS) users.push(user(`${d.id}-${suffix}.handler`, `${d.name}${name} 承办人`, `${d.id}-${suffix}`, ['handler'], password));
    users.push(user(`${d.id}-s1.handler`, `${d.streets[0]} 承办人`, `${d.id}-s1`, ['handler'], password));
    users.push(user(`${d.id}-s1-c1.handler`, `${d.streets[0]}第一社区 承办人`, `${d.id}-s1-c1`, ['handler'], password));
  }
  return users;
}
