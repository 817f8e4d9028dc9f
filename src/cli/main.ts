import { Command } from 'commander';
import { registerExtract } from './commands/extract.js';
import { registerSignalsRun } from './commands/signals-run.js';

/**
 * The `luoshi` command line. Each command lives in its own file under commands/ and registers itself here.
 */
export function buildProgram(): Command {
  const program = new Command('luoshi')
    .description('Luoshi 落实 — directives to closed work, with a tamper-evident record')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerSignalsRun(program);
  registerExtract(program);
  return program;
}

const isMain = process.argv[1] !== undefined && /(main\.ts|luoshi(\.js)?)$/.test(process.argv[1]);
if (isMain) {
  await buildProgram().parseAsync(process.argv);
}
