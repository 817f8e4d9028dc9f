import { findSoffice, PDF_MISSING_EN, PDF_MISSING_ZH } from '../../app/documents/pdf.js';
import type { Command } from 'commander';
import { startServer } from '../../api/server.js';
import { ConfigError, loadConfig } from '../../config/config.js';
import { errorClass, isCodedError } from '../../contracts/errors.js';
import { processOutput, type Output } from '../output.js';
import { buildWebIfStale, portInUseMessage } from '../web-build.js';

interface ServeFlags {
  db?: string;
  databaseUrl?: string;
  host?: string;
  port?: string;
  data?: string;
}

/**
 * Adds `luoshi serve [--db PATH | --database-url URL] [--host H] [--port P] [--data DIR]`: the HTTP API on
 * 127.0.0.1:8080 by default (the same settings from LUOSHI_* variables), stopped cleanly by SIGINT or SIGTERM.
 * In a checkout it first builds the web app when its sources changed.
 */
export function registerServe(program: Command, o: Output = processOutput): void {
  program
    .command('serve')
    .description('Serve the HTTP API (/api/v1, reference at /api/v1/docs)')
    .option('--db <path>', 'SQLite database file')
    .option('--database-url <url>', 'PostgreSQL URL')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--port <port>', 'port (default 8080)')
    .option('--data <dir>', 'data folder: keys, checkpoints, evidence files')
    .action(async (flags: ServeFlags) => {
      process.exitCode = await runServe(flags, o);
    });
}

/** Starts the server and resolves once it has stopped; returns the exit code. */
export async function runServe(flags: ServeFlags, o: Output, signals: NodeJS.EventEmitter = process): Promise<number> {
  let config;
  try {
    config = loadConfig(process.env, {
      LUOSHI_DB: flags.db,
      LUOSHI_DATABASE_URL: flags.databaseUrl,
      LUOSHI_HOST: flags.host,
      LUOSHI_PORT: flags.port,
      LUOSHI_DATA_DIR: flags.data,
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      o.err(e.message);
      return 2;
    }
    throw e;
  }
  const webWarning = buildWebIfStale();
  if (webWarning) o.err(webWarning);
  let server;
  try {
    server = await startServer(config);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      o.err(portInUseMessage(config.server.host, config.server.port));
      return 1;
    }
    if (isCodedError(e)) {
      o.err(`${e.messageZh}\n${e.message}`);
      return errorClass(e.code).exit;
    }
    o.err(`无法启动服务 Cannot start the server: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  o.out(`落实 Luoshi 已启动 is running — 打开 open ${server.url}/  (API ${server.url}/api/v1, reference ${server.url}/api/v1/docs)`);
  // PDF documents need LibreOffice: say so now, not when the first download fails.
  if (!findSoffice()) o.err(`${PDF_MISSING_ZH}\n${PDF_MISSING_EN}`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      signals.off('SIGINT', stop);
      signals.off('SIGTERM', stop);
      o.out('正在停止 Stopping…');
      void server.close().then(resolve, resolve);
    };
    signals.on('SIGINT', stop);
    signals.on('SIGTERM', stop);
  });
  return 0;
}
