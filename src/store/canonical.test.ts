import canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, eventBody } from './canonical.js';
import { isStoreError } from './errors.js';

type Serialize = (input: unknown) => string | undefined;
const reference: Serialize = typeof canonicalizeModule === 'function' ? (canonicalizeModule as Serialize) : (canonicalizeModule as { default: Serialize }).default;

describe('canonicalJson', () => {
  it('sorts keys and writes numbers the RFC 8785 way', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, 'é'], c: { z: null, y: true } })).toBe('{"a":[1e+21,0.1,0,"é"],"b":1,"c":{"y":true,"z":null}}');
  });

  it.each([
    ['NaN', { x: Number.NaN }],
    ['Infinity', { x: Number.POSITIVE_INFINITY }],
    ['a Date', { x: new Date(0) }],
    ['a function', { x: () => 1 }],
    ['a bigint', { x: 1n }],
    ['undefined', undefined],
  ])('refuses %s: the chain must cover exactly what is stored', (_name, value) => {
    let code = 'none';
    try {
      canonicalJson(value);
    } catch (err) {
      code = isStoreError(err) ? err.code : 'other';
    }
    expect(code).toBe('invalid_input');
  });
});

describe('eventBody', () => {
  const id = fc.oneof(fc.string(), fc.constant('租户-甲'), fc.string({ unit: 'grapheme' }));
  const nullableId = fc.option(id, { nil: null });
  const payload = fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue({ noUnicodeString: false }) as fc.Arbitrary<unknown>);

  it('is byte for byte the RFC 8785 form of the event fields (checked against the reference library)', () => {
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          tenantId: id,
          itemId: nullableId,
          type: id,
          actorUserId: nullableId,
          actorUnitId: nullableId,
          at: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          payload,
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
        }),
        (e) => {
          const fast = eventBody({ ...e, payload: canonicalJson(e.payload) });
          const full = reference({
            actorUnit: e.actorUnitId,
            actorUser: e.actorUserId,
            at: e.at,
            item: e.itemId,
            payload: JSON.parse(canonicalJson(e.payload)) as unknown,
            prev: e.prevHash,
            seq: e.seq,
            tenant: e.tenantId,
            type: e.type,
            v: 1,
          });
          expect(fast).toBe(full);
        },
      ),
      { numRuns: 300 },
    );
  });
});
