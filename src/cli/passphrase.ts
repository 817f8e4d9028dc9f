import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { AppError } from '../app/index.js';

/*
 * The passphrase of a person's signing key on the command line: from --passphrase-file (its first line),
 * from LUOSHI_SIGNING_PASSPHRASE (scripts), or typed at the terminal without echo. Never a flag value, which
 * would land in the shell history and the process list.
 */

export interface PassphraseFlags {
  passphraseFile?: string;
}

async function prompt(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, cb) => cb() });
  process.stderr.write(question);
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

/**
 * The passphrase, or undefined when none was given and there is no terminal to ask at (or `ask` is false).
 * @throws AppError `invalid_input` when the file cannot be read or the two typed entries differ.
 */
export async function readPassphrase(flags: PassphraseFlags, opts: { ask: boolean; confirm?: boolean }, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (flags.passphraseFile) {
    try {
      return readFileSync(flags.passphraseFile, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch {
      throw new AppError('invalid_input', `Cannot read the passphrase file ${flags.passphraseFile}.`, `无法读取口令文件 ${flags.passphraseFile}。`);
    }
  }
  const fromEnv = env.LUOSHI_SIGNING_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!opts.ask || !process.stdin.isTTY) return undefined;
  const first = await prompt('签章口令 Signing passphrase: ');
  if (opts.confirm && (await prompt('再次输入 Again: ')) !== first) {
    throw new AppError('invalid_input', 'The two passphrases differ.', '两次输入的口令不一致。');
  }
  return first;
}
