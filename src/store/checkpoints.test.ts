import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointWriter, appendCheckpoints, readCheckpoints, type Checkpoint } from './checkpoints.js';
import { nodeCryptoProvider as c } from './crypto/node-provider.js';
import { tempDir } from './testing/dialects.js';

const keys = c.generateSigningKeyPair();
const cp = (seq: number, tenantId = 't1'): Checkpoint => ({ tenantId, seq, hash: seq.toString(16).padStart(64, '0'), algorithm: 'hmac-sm3', at: '2026-03-02T01:00:00.000Z' });

describe('checkpoint log', () => {
  it('reads back what it signed; a missing log is empty', async () => {
    const file = join(tempDir(), 'checkpoints.log');
    expect(await readCheckpoints(file, c, keys.publicKeyPem)).toEqual({ checkpoints: [], invalid: [] });
    await appendCheckpoints(file, c, keys, [cp(1), cp(2, 't2')]);
    await appendCheckpoints(file, c, keys, [cp(5)]);
    const r = await readCheckpoints(file, c, keys.publicKeyPem);
    expect(r.invalid).toEqual([]);
    expect(r.checkpoints).toEqual([cp(1), cp(2, 't2'), cp(5)]);
  });

  it('sets apart lines that were edited, forged with another key or are not JSON', async () => {
    const file = join(tempDir(), 'checkpoints.log');
    await appendCheckpoints(file, c, keys, [cp(1), cp(2)]);
    await appendCheckpoints(file, c, c.generateSigningKeyPair(), [cp(3)]);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"seq":2', '"seq":9');
    writeFileSync(file, `${lines.join('\n')}garbage\n`);
    const r = await readCheckpoints(file, c, keys.publicKeyPem);
    expect(r.checkpoints).toEqual([cp(1)]);
    expect(r.invalid).toEqual([
      { line: 2, reason: 'bad signature' },
      { line: 3, reason: 'bad signature' },
      { line: 4, reason: 'not JSON' },
    ]);
  });
});

describe(CheckpointWriter.name, () => {
  it('writes the first head at once, then every N events or after the interval, and the rest on flush', async () => {
    const file = join(tempDir(), 'checkpoints.log');
    let now = Date.parse('2026-03-02T01:00:00.000Z');
    const w = new CheckpointWriter(file, c, keys, { everyEvents: 3, everyMs: 60_000 }, () => new Date(now));
    const note = (seq: number) => w.noteHead({ tenantId: 't1', seq, hash: cp(seq).hash, algorithm: 'hmac-sm3' });
    const seqs = async () => (await readCheckpoints(file, c, keys.publicKeyPem)).checkpoints.map((x) => x.seq);
    await note(1);
    await note(2);
    await note(3);
    expect(await seqs()).toEqual([1]);
    await note(4);
    expect(await seqs()).toEqual([1, 4]);
    await note(5);
    now += 61_000;
    await note(6);
    expect(await seqs()).toEqual([1, 4, 6]);
    await note(7);
    expect(await w.flush()).toHaveLength(1);
    expect(await w.flush()).toHaveLength(0);
    expect(await seqs()).toEqual([1, 4, 6, 7]);
  });
});
