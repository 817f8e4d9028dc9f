import { ConfigError } from '../config/config.js';
import { errorClass, isCodedError } from '../contracts/errors.js';
import { processOutput, type Output } from './output.js';

/**
 * Runs a command's work and turns every failure into a message in Chinese and English and the exit code of
 * its class (src/contracts/errors.ts). Unknown failures exit 1 with their message, never a bare stack.
 */
export async function runCommand(work: () => Promise<number | void>, o: Output = processOutput): Promise<void> {
  try {
    const code = await work();
    process.exitCode = code ?? 0;
  } catch (e) {
    process.exitCode = report(e, o);
  }
}

/** Prints an error and returns its exit code. */
export function report(e: unknown, o: Output): number {
  if (e instanceof ConfigError) {
    o.err(e.message);
    return 2;
  }
  if (isCodedError(e)) {
    const issues = (e.details?.issues as { path: string; message: string }[] | undefined) ?? [];
    o.err(`错误 ${e.code}:${e.messageZh}\nerror ${e.code}: ${e.message}${issues.length ? `\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}` : ''}`);
    return errorClass(e.code).exit;
  }
  const message = e instanceof Error ? e.message : String(e);
  o.err(`内部错误 / internal error: ${message}`);
  return 1;
}
