import { describe, expect, it } from 'vitest';
import { nodeCryptoProvider as c } from './crypto/node-provider.js';
import { isStoreError } from './errors.js';
import { ERASED, caseKeyFromSecret, isErased, isSealed, openPersonal, openPersonalFields, sealPersonal, type SealedValue } from './personal.js';

const key = caseKeyFromSecret(c, 't1', 'case-1', c.randomBytes(32));
const parties = [{ name: '张三', phone: '13800138000' }, { name: '李四' }];

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (err) {
    return isStoreError(err) ? err.code : 'other';
  }
}

describe('sealPersonal / openPersonal', () => {
  it('round-trips any JSON value and never shows the plain text in the envelope', () => {
    const sealed = sealPersonal(c, key, parties);
    expect(isSealed(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/张三|13800138000/);
    expect(openPersonal(c, key, sealed)).toEqual(parties);
  });

  it('seals the same value differently each time (fresh counter block)', () => {
    expect(sealPersonal(c, key, '张三').ct).not.toBe(sealPersonal(c, key, '张三').ct);
  });

  it('reads as erased, not as an error, once the case key is gone', () => {
    const sealed = sealPersonal(c, key, parties);
    const value = openPersonal(c, null, sealed);
    expect(value).toEqual(ERASED);
    expect(isErased(value)).toBe(true);
  });

  it('refuses an altered ciphertext: encrypt-then-MAC, CTR bits cannot be flipped unseen', () => {
    const sealed = sealPersonal(c, key, '13800138000');
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0]! ^= 1;
    const altered: SealedValue = { ...sealed, ct: ct.toString('base64') };
    expect(codeOf(() => openPersonal(c, key, altered))).toBe('envelope_invalid');
  });

  it("refuses another case's envelope even under the same secret (the MAC binds tenant and case)", () => {
    const secret = c.randomBytes(32);
    const a = caseKeyFromSecret(c, 't1', 'case-a', secret);
    const b = caseKeyFromSecret(c, 't1', 'case-b', secret);
    expect(codeOf(() => openPersonal(c, b, sealPersonal(c, a, 'x')))).toBe('envelope_invalid');
  });

  it('opens the sealed fields of a record and leaves the others', () => {
    const fields = { category: '邻里纠纷', parties: sealPersonal(c, key, parties) };
    expect(openPersonalFields(c, key, fields)).toEqual({ category: '邻里纠纷', parties });
    expect(openPersonalFields(c, null, fields)).toEqual({ category: '邻里纠纷', parties: ERASED });
  });
});
