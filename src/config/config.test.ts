import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to an SQLite file in the data folder and the Shanghai time zone', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('data', 'luoshi.db') });
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(c.chainHash).toBe('sm3');
    expect(c.server).toEqual({ host: '127.0.0.1', port: 8080 });
  });

  it('uses PostgreSQL when LUOSHI_DATABASE_URL is set', () => {
    const c = loadConfig({ LUOSHI_DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/x' });
  });

  it('lets a --db flag win over a PostgreSQL URL from the environment', () => {
    const c = loadConfig({ LUOSHI_DATABASE_URL: 'postgres://u@h/x' }, { LUOSHI_DB: 'x.db' });
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('x.db') });
  });

  it('reports every invalid setting at once', () => {
    let err: unknown;
    try {
      loadConfig({ LUOSHI_PORT: '99999', LUOSHI_TIME_ZONE: 'Mars/Base', LUOSHI_DATABASE_URL: 'mysql://x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toMatch(/LUOSHI_PORT/);
    expect(problems).toMatch(/LUOSHI_TIME_ZONE/);
    expect(problems).toMatch(/LUOSHI_DATABASE_URL/);
  });

  it('refuses webhooks to private addresses unless LUOSHI_WEBHOOK_ALLOW_PRIVATE=1, and takes nothing but 0 or 1', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowPrivate: false });
    expect(loadConfig({ LUOSHI_WEBHOOK_ALLOW_PRIVATE: '0' }).webhooks).toEqual({ allowPrivate: false });
    expect(loadConfig({ LUOSHI_WEBHOOK_ALLOW_PRIVATE: '1' }).webhooks).toEqual({ allowPrivate: true });
    expect(() => loadConfig({ LUOSHI_WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/LUOSHI_WEBHOOK_ALLOW_PRIVATE: 0 \(webhooks to public addresses only\) or 1/);
  });

  it('anchors the checkpoint log in LUOSHI_CHECKPOINT_DIR and posts it to LUOSHI_CHECKPOINT_URL; refuses a URL that is not http(s)', () => {
    expect(loadConfig({}).checkpointAnchor).toEqual({});
    expect(loadConfig({ LUOSHI_CHECKPOINT_DIR: 'anchor', LUOSHI_CHECKPOINT_URL: 'https://audit.example/log' }).checkpointAnchor).toEqual({
      dir: path.resolve('anchor'),
      url: 'https://audit.example/log',
    });
    expect(() => loadConfig({ LUOSHI_CHECKPOINT_URL: 'file:///tmp/x' })).toThrow(/LUOSHI_CHECKPOINT_URL/);
  });

  it('refuses --db together with --database-url', () => {
    expect(() => loadConfig({}, { LUOSHI_DB: 'a.db', LUOSHI_DATABASE_URL: 'postgres://h/x' })).toThrow(ConfigError);
  });
});

describe('loadConfig with empty variables', () => {
  it('treats an empty LUOSHI_DATABASE_URL as unset', () => {
    expect(loadConfig({ LUOSHI_DATABASE_URL: '' }).database.kind).toBe('sqlite');
  });
});
