/*
 * The contract-suite frame every store test repeats: one describe block per database, PostgreSQL skipped (or,
 * in CI, required) without LUOSHI_TEST_DATABASE_URL, a store opened before the tests and disposed after.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DIALECTS, openTestStore, type DialectName, type TestStore } from './dialects.js';

/**
 * Runs `body` once per database as `${title} on sqlite|postgres`. `t` stands for the store of the block: read
 * it inside tests and hooks (it is opened in a beforeAll), never while the suite is being defined.
 */
export function describeOnStores(title: string, body: (t: TestStore, name: DialectName) => void): void {
  describe.each(DIALECTS)(`${title} on $name`, ({ name, skip }) => {
    if (skip) {
      it.skip('needs LUOSHI_TEST_DATABASE_URL', () => undefined);
      return;
    }
    let opened: TestStore | undefined;
    beforeAll(async () => {
      opened = await openTestStore(name);
    });
    afterAll(() => opened?.dispose());
    const t = new Proxy({} as TestStore, {
      get(_, key) {
        if (!opened) throw new Error(`the ${name} test store is not open yet: use it inside a test or hook`);
        return Reflect.get(opened, key) as unknown;
      },
    });
    body(t, name);
  });
}
