/**
 * Excel import benchmark (npm run bench:import [-- --rows N --db D]): fills the import template of the 督办
 * ledger with N rows (default 10,000: a title, a category, a lead unit by name and a deadline each), then times
 * the dry run and the commit (all rows in one transaction) of `importItems`, on SQLite (a file) and on
 * PostgreSQL when LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL is set. Baseline in the same run: the
 * same items created and assigned by direct use-case calls (no sheet), one transaction per call, for the
 * first min(N, 1,000) rows. Prints rows per second and the ratio import ÷ direct. Then the round trip on those
 * items, now at work (待签收): exported, every title corrected, and imported back — one 修改 (EditItem) per row,
 * dry run and commit.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { createItem, performAction } from '../src/app/index.js';
import { exportItems } from '../src/app/exchange/export.js';
import { importItems } from '../src/app/exchange/import.js';
import { HEADER_ROWS } from '../src/app/exchange/sheet.js';
import { importTemplate } from '../src/app/exchange/template.js';
import { seedCity, testClock, testDeps } from '../src/app/testing/city.js';
import { postgresTarget, sqliteTarget, type Target } from './ledger/targets.js';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, db: { type: 'string', default: 'both' } } });
const ROWS = Number(args.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1 || ROWS > 20_000) {
  console.error('--rows must be a whole number from 1 to 20,000 (--rows 须为 1–20000 的整数)');
  process.exit(2);
}
if (!['both', 'sqlite', 'postgres'].includes(args.db)) {
  console.error('--db must be sqlite, postgres or both (--db 须为 sqlite、postgres 或 both)');
  process.exit(2);
}
const PG_URL = process.env.LUOSHI_BENCH_DATABASE_URL ?? process.env.LUOSHI_TEST_DATABASE_URL;
const LEADS = ['市生态环境局', '市水务局', '东城区'];
const LEAD_IDS = ['env', 'water', 'd1'];
const deadline = (i: number) => `2026-${String(4 + (i % 8)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

async function sheet(template: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(HEADER_ROWS).values as unknown[]).map((v) => (typeof v === 'string' ? v.replace(/\*$/, '') : v));
  const col = (h: string) => headers.indexOf(h);
  const [title, category, lead, due] = [col('事项名称'), col('事项类别'), col('牵头单位'), col('办理时限')];
  for (let i = 0; i < ROWS; i++) {
    const row = ws.getRow(HEADER_ROWS + 1 + i);
    row.getCell(title).value = `第${i + 1}项：推进城市安全运行风险隐患排查整治`;
    row.getCell(category).value = '重点工作';
    row.getCell(lead).value = LEADS[i % LEADS.length]!;
    row.getCell(due).value = new Date(`${deadline(i)}T00:00:00Z`);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An exported sheet with every title corrected. */
async function retitled(exported: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const title = (ws.getRow(HEADER_ROWS).values as unknown[]).indexOf('事项名称');
  for (let r = HEADER_ROWS + 1; r <= ws.rowCount; r++) {
    const cell = ws.getRow(r).getCell(title);
    cell.value = `${String(cell.value)}(更正)`;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function bench(name: string, t: Target): Promise<void> {
  const store = await t.open();
  try {
    const deps = testDeps(store, testClock('2026-03-02T02:00:00.000Z'));
    const { as } = await seedCity(deps);
    const file = await sheet((await importTemplate(deps, as('sup'), 'directive')).body);
    let at = performance.now();
    const dry = await importItems(deps, as('sup'), file, { ledgerType: 'directive', dryRun: true });
    const dryMs = performance.now() - at;
    at = performance.now();
    const done = await importItems(deps, as('sup'), file, { ledgerType: 'directive' });
    const commitMs = performance.now() - at;
    if (dry.errors.length || done.created !== ROWS) throw new Error(`import refused rows: ${JSON.stringify(dry.errors.slice(0, 3))}`);
    const base = Math.min(ROWS, 1000);
    at = performance.now();
    for (let i = 0; i < base; i++) {
      const { item } = await createItem(deps, as('sup'), { ledgerType: 'directive', title: `直接立项第${i + 1}项`, fields: { category: 'key_task' } });
      await performAction(deps, as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: LEAD_IDS[i % 3], deadline: deadline(i) } });
    }
    const directMs = performance.now() - at;
    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
    const edited = await retitled((await exportItems(deps, as('sup'), { ledgerTypes: ['directive'], text: '推进城市安全运行' }, { format: 'xlsx' })).body);
    at = performance.now();
    const editDry = await importItems(deps, as('sup'), edited, { ledgerType: 'directive', dryRun: true });
    const editDryMs = performance.now() - at;
    at = performance.now();
    const editDone = await importItems(deps, as('sup'), edited, { ledgerType: 'directive' });
    const editMs = performance.now() - at;
    if (editDry.errors.length || editDone.updated !== ROWS) throw new Error(`round trip refused rows: ${JSON.stringify(editDry.errors.slice(0, 3))}`);
    const importRate = rate(ROWS, dryMs + commitMs);
    console.log(
      `${name.padEnd(9)} ${ROWS} rows (${(file.length / 1024).toFixed(0)} KiB): dry run ${dryMs.toFixed(0)} ms (${rate(ROWS, dryMs)} rows/s), ` +
        `commit ${commitMs.toFixed(0)} ms (${rate(ROWS, commitMs)} rows/s); dry run + commit ${importRate} rows/s; ` +
        `direct create+assign ${rate(base, directMs)} items/s over ${base}; import ÷ direct ${(importRate / rate(base, directMs)).toFixed(2)}`,
    );
    console.log(
      `${''.padEnd(9)} round trip of the ${ROWS} assigned items, every title corrected (修改): dry run ${editDryMs.toFixed(0)} ms (${rate(ROWS, editDryMs)} rows/s), ` +
        `commit ${editMs.toFixed(0)} ms (${rate(ROWS, editMs)} rows/s); together ${rate(ROWS, editDryMs + editMs)} rows/s`,
    );
  } finally {
    await store.close();
    await t.dispose();
  }
}

console.log(
  `bench:import — load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (figures are noisy on a shared machine; compare the ratio)`,
);
if (args.db !== 'postgres') await bench('sqlite', sqliteTarget());
if (args.db !== 'sqlite') {
  if (PG_URL) await bench('postgres', postgresTarget(PG_URL, 'import'));
  else console.log('postgres  skipped: set LUOSHI_BENCH_DATABASE_URL or LUOSHI_TEST_DATABASE_URL');
}
