import { readFileSync } from 'node:fs';
import { Command } from 'commander';

/** The package's version, read from package.json (two folders up from both src/cli and dist/cli). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** The bare `luoshi` program, before any command is added: name, description, version and error output. */
export function newProgram(): Command {
  return new Command('luoshi')
    .description('Luoshi 落实 — directives to closed work, with a tamper-evident record')
    .version(packageVersion(), '-V, --version', 'print the version 显示版本')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });
}
