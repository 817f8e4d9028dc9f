import type { Command } from 'commander';
import { newProgram } from './program.js';

type Register = (program: Command) => void;

/**
 * The modules each top-level command lives in, imported only when that command runs: `luoshi --version` or
 * `luoshi items list` then loads what it uses instead of every command's dependencies (the server, the
 * extractor, the signal algorithms). A command missing here still works: it falls back to the whole program
 * (`buildProgram` in main.ts); `entry.test.ts` checks that this table builds the same commands as main.ts.
 */
export const COMMAND_MODULES: Readonly<Record<string, () => Promise<readonly Register[]>>> = {
  start: async () => [(await import('./commands/start.js')).registerStart],
  init: async () => [(await import('./commands/init.js')).registerInit],
  demo: async () => [(await import('./commands/demo.js')).registerDemo],
  items: async () => [(await import('./commands/items.js')).registerItems],
  item: async () => [(await import('./commands/item.js')).registerItem],
  readout: async () => [(await import('./commands/readout.js')).registerReadout],
  stats: async () => [(await import('./commands/stats.js')).registerStats],
  verify: async () => [(await import('./commands/verify.js')).registerVerify],
  calendar: async () => [(await import('./commands/calendar.js')).registerCalendar],
  signals: async () => [(await import('./commands/signals-run.js')).registerSignalsRun, (await import('./commands/signals-product.js')).registerSignalsProduct],
  extract: async () => [(await import('./commands/extract.js')).registerExtract],
  serve: async () => [(await import('./commands/serve.js')).registerServe],
  jobs: async () => [(await import('./commands/jobs.js')).registerJobs],
  'ledger-types': async () => [(await import('./commands/ledger-types.js')).registerLedgerTypes],
  backup: async () => [(await import('./commands/backup.js')).registerBackup],
  restore: async () => [(await import('./commands/backup.js')).registerRestore],
  copy: async () => [(await import('./commands/copy.js')).registerCopy],
  user: async () => [(await import('./commands/user.js')).registerUser],
  notify: async () => [(await import('./commands/notify.js')).registerNotify],
  doc: async () => [(await import('./commands/documents.js')).registerDoc],
  bulletin: async () => [(await import('./commands/documents.js')).registerBulletin],
  keys: async () => [(await import('./commands/keys.js')).registerKeys],
  inspection: async () => [(await import('./commands/inspection.js')).registerInspection],
  campaign: async () => [(await import('./commands/campaign.js')).registerCampaign],
};

/** The program for these arguments: only the named command when it is in the table, else every command. */
export async function programFor(argv: readonly string[]): Promise<Command> {
  const name = argv.slice(2).find((a) => !a.startsWith('-'));
  // `luoshi --version` needs no command at all.
  if (name === undefined && argv.some((a) => a === '-V' || a === '--version')) return newProgram();
  const load = name === undefined ? undefined : COMMAND_MODULES[name];
  if (!load) return (await import('./main.js')).buildProgram();
  const program = newProgram();
  for (const register of await load()) register(program);
  return program;
}

/** Runs `luoshi` with these arguments (what bin/luoshi.js calls). */
export async function main(argv: readonly string[]): Promise<void> {
  await (await programFor(argv)).parseAsync([...argv]);
}
