import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { CheckpointWriter, appendCheckpoints, keyId, readCheckpoints, verifyKeyOf, type Checkpoint } from './checkpoints.js';
import { nodeCryptoProvider as c } from './crypto/node-provider.js';
import { generateSm2PrivateKey, softwareSm2Signer } from './crypto/signer.js';
import { sm2PublicKeyFromPem, sm2Verify } from './crypto/sm2.js';
import { tempDir } from './testing/dialects.js';

const keys = softwareSm2Signer(generateSm2PrivateKey());
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
    await appendCheckpoints(file, c, softwareSm2Signer(generateSm2PrivateKey()), [cp(3)]);
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

describe('SM2 checkpoints', () => {
  it('lines are SM2 signatures (GM/T 0003) over the canonical line, checkable by anyone with the .pub', async () => {
    const file = join(tempDir(), 'checkpoints.log');
    await appendCheckpoints(file, c, keys, [cp(1)]);
    const { sig, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(rest).toMatchObject({ sigAlg: 'sm2', kid: keyId(c, keys.publicKeyPem), seq: 1 });
    expect(sm2Verify(sm2PublicKeyFromPem(keys.publicKeyPem)!, Buffer.from(canonicalJson(rest)), Buffer.from(sig as string, 'base64'))).toBe(true);
  });

  it('an Ed25519 log written before SM2 still verifies beside new SM2 lines; a forged line of either kind does not', async () => {
    const file = join(tempDir(), 'checkpoints.log');
    const legacy = c.generateSigningKeyPair();
    // What the earlier writer produced: the same line, sigAlg ed25519, signed with crypto.sign.
    const old = { alg: 'hmac-sm3', at: cp(1).at, hash: cp(1).hash, kid: keyId(c, legacy.publicKeyPem), seq: 1, sigAlg: 'ed25519', tenant: 't1', v: 1 };
    const oldSig = Buffer.from(c.sign(legacy.privateKeyPem, Buffer.from(canonicalJson(old)))).toString('base64');
    writeFileSync(file, `${canonicalJson({ ...old, sig: oldSig })}\n`);
    await appendCheckpoints(file, c, keys, [cp(2)]);
    const ring = [verifyKeyOf(keys.publicKeyPem), verifyKeyOf(legacy.publicKeyPem)];
    expect(ring.map((k) => k.algorithm)).toEqual(['sm2', 'ed25519']);
    expect(await readCheckpoints(file, c, ring)).toEqual({ checkpoints: [cp(1), cp(2)], invalid: [] });
    // Without the old public key the old line cannot be vouched for.
    expect((await readCheckpoints(file, c, [ring[0]!])).invalid).toEqual([{ line: 1, reason: 'bad signature' }]);
    writeFileSync(file, readFileSync(file, 'utf8').replace(cp(1).hash, cp(7).hash));
    expect((await readCheckpoints(file, c, ring)).invalid).toEqual([{ line: 1, reason: 'bad signature' }]);
  });

  it('posts each signed line to the anchor URL; an anchor that fails is reported and the log is still written', async () => {
    const received: string[] = [];
    let status = 200;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString('utf8')));
      req.on('end', () => {
        if (req.method === 'POST' && req.headers['content-type'] === 'application/json') received.push(body);
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anchor`;
      const file = join(tempDir(), 'checkpoints.log');
      const errors: unknown[] = [];
      const w = new CheckpointWriter(
        file,
        c,
        keys,
        { everyEvents: 1, everyMs: 60_000 },
        () => new Date(cp(1).at),
        url,
        (e) => errors.push(e),
      );
      await w.noteHead({ tenantId: 't1', seq: 1, hash: cp(1).hash, algorithm: 'hmac-sm3' });
      await w.noteHead({ tenantId: 't1', seq: 2, hash: cp(2).hash, algorithm: 'hmac-sm3' });
      expect(received).toEqual(readFileSync(file, 'utf8').trim().split('\n'));
      status = 503;
      await w.noteHead({ tenantId: 't1', seq: 3, hash: cp(3).hash, algorithm: 'hmac-sm3' });
      expect(String(errors[0])).toMatch(/503/);
      expect((await readCheckpoints(file, c, keys.publicKeyPem)).checkpoints.map((x) => x.seq)).toEqual([1, 2, 3]);
    } finally {
      server.close();
    }
  });
});
