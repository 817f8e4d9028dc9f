import { describe, expect, it } from 'vitest';
import { isStoreError } from './errors.js';
import { classifySchema, type SchemaState } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

const known = Object.keys(MIGRATIONS).sort();
const state = (s: Partial<SchemaState>): SchemaState => ({ tables: [], applied: null, applicationId: null, ...s });

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    return isStoreError(err) ? err.code : 'other';
  }
}

describe('classifySchema', () => {
  it('treats an empty database as fresh: every migration pending', () => {
    expect(classifySchema(state({}))).toEqual({ applied: [], pending: known });
    expect(classifySchema(state({ applicationId: 0 }))).toEqual({ applied: [], pending: known });
  });

  it('knows a current database: nothing pending', () => {
    expect(classifySchema(state({ tables: ['items'], applied: known, applicationId: 0x4c554f53 })).pending).toEqual([]);
  });

  it('lists what an older Luoshi database still needs', () => {
    expect(classifySchema(state({ tables: ['tenants'], applied: known.slice(0, 1) })).pending).toEqual(known.slice(1));
  });

  it.each([
    ['other tables and no migrations', state({ tables: ['customers', 'orders'] })],
    ['another Kysely application', state({ tables: ['accounts'], applied: ['2023_init'] })],
    ['another SQLite application id', state({ tables: [], applicationId: 42 })],
  ])('refuses a database with %s as not Luoshi', (_what, s) => {
    expect(codeOf(() => classifySchema(s))).toBe('not_luoshi_database');
  });

  it('refuses a schema migrated by a newer Luoshi', () => {
    expect(codeOf(() => classifySchema(state({ tables: ['items'], applied: [...known, '209912312359_future'] })))).toBe('database_schema_newer');
  });

  it('refuses applied migrations that disagree with the code (unknown one in the middle, or a gap)', () => {
    const withStranger = [known[0]!, '202611261201_stranger', ...known.slice(1)];
    expect(codeOf(() => classifySchema(state({ tables: ['items'], applied: withStranger })))).toBe('migrations_out_of_sync');
    if (known.length >= 3) {
      expect(codeOf(() => classifySchema(state({ tables: ['items'], applied: [known[0]!, known[2]!] })))).toBe('migrations_out_of_sync');
    }
  });
});
