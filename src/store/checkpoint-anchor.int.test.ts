import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { keyId } from './checkpoints.js';
import { nodeCryptoProvider as c } from './crypto/node-provider.js';
import { KEY_FILES } from './keys.js';
import { openStore } from './store.js';
import { openTestStore, tempDir } from './testing/dialects.js';
import { describeOnStores } from './testing/suite.js';
import { buildEvent, seedTenant } from './testing/factories.js';

describeOnStores('checkpoint anchor', (_t, name) => {
  it('writes the SM2-signed log in the anchor directory, not the data folder, and verifies from it', async () => {
    const anchor = tempDir();
    const own = await openTestStore(name, { checkpointAnchor: { dir: anchor } });
    try {
      const { tenantId } = await seedTenant(own.store);
      for (let i = 0; i < 3; i++) await own.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'A', i)]));
      const log = join(anchor, KEY_FILES.checkpointLog);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(3);
      expect(readFileSync(log, 'utf8')).toContain('"sigAlg":"sm2"');
      expect(existsSync(join(own.dir, KEY_FILES.checkpointLog))).toBe(false);
      expect(await own.store.verifyChain(tenantId)).toMatchObject({ ok: true, count: 3, checkpointsChecked: 3 });
      // The anchored log is what vouches for the tail: cut a line out of it and verification says so.
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      writeFileSync(log, `${lines.slice(0, 2).join('\n')}\n${lines[2]!.replace('"seq":3', '"seq":4')}\n`);
      expect(await own.store.verifyChain(tenantId)).toMatchObject({ ok: false, problem: 'checkpoint_invalid' });
    } finally {
      await own.dispose();
    }
  });

  it('a data folder with an Ed25519 checkpoint log from before SM2 still verifies, and goes on with SM2 lines', async () => {
    const own = await openTestStore(name, { keys: undefined });
    const { tenantId } = await seedTenant(own.store);
    const [e] = await own.store.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'A', 0)]));
    await own.store.close();
    // Rewrite the log as the earlier release wrote it: an Ed25519 pair in checkpoint.key/.pub, lines signed with it.
    const legacy = c.generateSigningKeyPair();
    writeFileSync(join(own.dir, KEY_FILES.checkpointPrivate), legacy.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(own.dir, KEY_FILES.checkpointPublic), legacy.publicKeyPem);
    const line = { alg: 'hmac-sm3', at: e!.at, hash: e!.hash, kid: keyId(c, legacy.publicKeyPem), seq: 1, sigAlg: 'ed25519', tenant: tenantId, v: 1 };
    const sig = Buffer.from(c.sign(legacy.privateKeyPem, Buffer.from(canonicalJson(line)))).toString('base64');
    writeFileSync(join(own.dir, KEY_FILES.checkpointLog), `${canonicalJson({ ...line, sig })}\n`);
    const reopened = await openStore({ ...own.config, migrate: false });
    try {
      await reopened.transaction((tx) => tx.appendEvents(tenantId, [buildEvent(null, 'B', 1)]));
      expect(await reopened.verifyChain(tenantId)).toMatchObject({ ok: true, count: 2, checkpointsChecked: 2 });
      const log = readFileSync(join(own.dir, KEY_FILES.checkpointLog), 'utf8');
      expect(log).toContain('"sigAlg":"ed25519"');
      expect(log).toContain('"sigAlg":"sm2"');
    } finally {
      await reopened.close();
      await own.dispose().catch(() => undefined);
    }
  });
});
