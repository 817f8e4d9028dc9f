import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULES, programFor } from './entry.js';
import { buildProgram } from './main.js';

/** A command's shape as a user meets it: its name, options and subcommands, recursively. */
function shape(c: Command): unknown {
  return { name: c.name(), options: c.options.map((o) => o.flags).sort(), commands: c.commands.map(shape) };
}

describe('luoshi loads only the command it runs', () => {
  const full = buildProgram();

  it('has a module for every command of the full program, building it exactly as the full program does', async () => {
    expect(Object.keys(COMMAND_MODULES).sort()).toEqual(full.commands.map((c) => c.name()).sort());
    for (const name of Object.keys(COMMAND_MODULES)) {
      const lazy = await programFor(['node', 'luoshi', name]);
      expect(lazy.commands.map(shape), name).toEqual(full.commands.filter((c) => c.name() === name).map(shape));
    }
  });

  it('falls back to every command for help, an unknown command or none', async () => {
    for (const argv of [['--help'], ['help', 'items'], ['no-such-command'], []]) {
      const program = await programFor(['node', 'luoshi', ...argv]);
      expect(program.commands.map((c) => c.name())).toEqual(full.commands.map((c) => c.name()));
    }
  });

  it('answers --version without any command', async () => {
    const program = await programFor(['node', 'luoshi', '--version']);
    expect(program.commands).toEqual([]);
    expect(program.version()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
