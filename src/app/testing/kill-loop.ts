/*
 * Test support: runs the crash test's child process until it is ready, lets it work for a while and kills
 * it with SIGKILL, returning what it acknowledged. Only complete lines count: a line cut by the kill was
 * never acknowledged.
 */
import { spawn } from 'node:child_process';
import type { Ack, CrashChildConfig } from './crash-child.js';

/** How long a child may take to open the store before the run is failed rather than waited for. */
const READY_TIMEOUT_MS = 30_000;

/**
 * Starts `node script config`, waits for its `ready` line, kills it `workMs` later and waits for it to die.
 * @throws Error when the child exits on its own (it never should) or is not ready in time; the message holds its stderr.
 */
export function runAndKill(script: string, config: CrashChildConfig, workMs: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    const kill = () => {
      killed = true;
      child.kill('SIGKILL');
    };
    const notReady = setTimeout(kill, READY_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const wasReady = out.startsWith('ready\n');
      out += chunk;
      if (!wasReady && out.startsWith('ready\n')) {
        clearTimeout(notReady);
        setTimeout(kill, workMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    // 'close' comes after the pipes are drained: every line the child wrote has been read.
    child.on('close', (code, signal) => {
      clearTimeout(notReady);
      if (!killed || signal !== 'SIGKILL' || !out.startsWith('ready\n')) {
        reject(new Error(`crash child ended on its own (code ${code}, signal ${signal}, ready ${out.startsWith('ready\n')}):\n${err}`));
        return;
      }
      const complete = out.slice(0, out.lastIndexOf('\n') + 1).split('\n');
      resolve(complete.filter((l) => l.startsWith('ack ')).map((l) => JSON.parse(l.slice(4)) as Ack));
    });
  });
}
