import type { Command } from 'commander';
import { registerCalendar } from './commands/calendar.js';
import { registerDemo } from './commands/demo.js';
import { registerBulletin, registerDoc } from './commands/documents.js';
import { registerExtract } from './commands/extract.js';
import { registerInit } from './commands/init.js';
import { registerItem } from './commands/item.js';
import { registerItems } from './commands/items.js';
import { registerJobs } from './commands/jobs.js';
import { registerLedgerTypes } from './commands/ledger-types.js';
import { registerReadout } from './commands/readout.js';
import { registerServe } from './commands/serve.js';
import { registerSignalsRun } from './commands/signals-run.js';
import { registerSignalsProduct } from './commands/signals-product.js';
import { registerStart } from './commands/start.js';
import { registerStats } from './commands/stats.js';
import { registerVerify } from './commands/verify.js';
import { newProgram } from './program.js';
import { registerBackup, registerRestore } from './commands/backup.js';
import { registerCopy } from './commands/copy.js';
import { registerNotify } from './commands/notify.js';
import { registerUser } from './commands/user.js';
import { registerKeys } from './commands/keys.js';
import { registerInspection } from './commands/inspection.js';
import { registerCampaign } from './commands/campaign.js';

/**
 * The `luoshi` command line. Each command lives in its own file under commands/ and registers itself here.
 */
export function buildProgram(): Command {
  const program = newProgram();
  registerStart(program);
  registerInit(program);
  registerDemo(program);
  registerItems(program);
  registerItem(program);
  registerReadout(program);
  registerStats(program);
  registerVerify(program);
  registerCalendar(program);
  registerSignalsRun(program);
  registerSignalsProduct(program);
  registerExtract(program);
  registerServe(program);
  registerJobs(program);
  registerLedgerTypes(program);
  registerBackup(program);
  registerRestore(program);
  registerCopy(program);
  registerUser(program);
  registerNotify(program);
  registerDoc(program);
  registerBulletin(program);
  registerKeys(program);
  registerInspection(program);
  registerCampaign(program);
  return program;
}

// Run directly (`tsx src/cli/main.ts`); bin/luoshi.js goes through entry.ts, which imports this file only when needed.
const isMain = process.argv[1] !== undefined && /main\.[jt]s$/.test(process.argv[1]);
if (isMain) {
  await buildProgram().parseAsync(process.argv);
}
