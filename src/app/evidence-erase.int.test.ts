import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, openTestStore, type TestStore } from '../store/testing/dialects.js';
import { seedCity, testClock, testDeps } from './testing/city.js';
import { readEvidence, uploadEvidence } from './evidence/evidence.js';
import { createItem, erasePersonal, verifyRecord } from './index.js';

const ID_NUMBER = '110101199003077777';
const SCAN = Buffer.from(`调解笔录\n当事人：张晓明，身份证号 ${ID_NUMBER}，电话 13812345678\n`, 'utf8');

/** Every stored file under the data folder's evidence store. */
function storedFiles(dir: string): string[] {
  const root = join(dir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe.each(DIALECTS)('evidence of a case with personal data on $name', ({ name, skip }) => {
  let t: TestStore;
  beforeAll(async () => {
    if (!skip) t = await openTestStore(name);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  async function dispute() {
    const deps = testDeps(t.store, testClock());
    const city = await seedCity(deps);
    const { item } = await createItem(deps, city.as('d1sup'), {
      ledgerType: 'dispute',
      title: '邻里漏水纠纷',
      fields: { screeningDate: '2026-03-01', category: 'neighbourhood', parties: [{ name: '张晓明', gender: 'male', age: 52 }], riskLevel: 'yellow' },
    });
    return { deps, ...city, item };
  }

  it.skipIf(skip)('is stored sealed, downloads for those allowed, and is gone from disk and download once erased', async () => {
    const { deps, as, tenantId, item } = await dispute();
    const evidence = await uploadEvidence(deps, as('d1sup'), t.dir, item.id, { fileName: '调解笔录.txt', bytes: SCAN });
    expect(evidence.storageKey).toMatch(/^sealed:sm3:/);
    const files = storedFiles(t.dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f).includes(Buffer.from(ID_NUMBER))).toBe(false);

    const read = await readEvidence(deps, as('d1sup'), t.dir, evidence.id);
    expect(read.bytes.equals(SCAN)).toBe(true);
    expect(read.evidence.digest).toBe(`sm3:${Buffer.from(t.store.crypto.hash('sm3', SCAN)).toString('hex')}`);

    expect(await erasePersonal(deps, as('d1sup'), item.id, '当事人依法申请删除', t.dir)).toBe(true);
    await expect(readEvidence(deps, as('d1sup'), t.dir, evidence.id)).rejects.toMatchObject({ code: 'evidence_erased' });
    const hex = evidence.storageKey.slice('sealed:sm3:'.length);
    expect(storedFiles(t.dir).some((f) => f.endsWith(hex))).toBe(false);
    for (const f of storedFiles(t.dir)) expect(readFileSync(f).includes(Buffer.from(ID_NUMBER))).toBe(false);
    // The erased case takes no new files, whose bytes would outlive the erasure.
    await expect(uploadEvidence(deps, as('d1sup'), t.dir, item.id, { fileName: '补充.txt', bytes: SCAN })).rejects.toMatchObject({ code: 'evidence_erased' });
    expect((await verifyRecord(deps, { tenantId, operator: true })).ok).toBe(true);
  });

  it.skipIf(skip)('of an item without personal fields stays as uploaded', async () => {
    const { deps, as } = await dispute();
    const { item: plain } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: '河道整治', fields: { category: 'key_task' } });
    const evidence = await uploadEvidence(deps, as('sup'), t.dir, plain.id, { fileName: '整改照片说明.txt', bytes: Buffer.from('整改已完成\n') });
    expect(evidence.storageKey).toMatch(/^sm3:/);
    expect((await readEvidence(deps, as('sup'), t.dir, evidence.id)).bytes.toString('utf8')).toBe('整改已完成\n');
  });
});
