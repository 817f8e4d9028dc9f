import canonicalizeModule from 'canonicalize';
import { StoreError } from './errors.js';

type Serialize = (input: unknown) => string | undefined;
// The package is CommonJS (`module.exports = fn`) but its typings declare an ES default export; under
// NodeNext the import is the module object in one view and the function in the other, so take either.
const canonicalize: Serialize =
  typeof canonicalizeModule === 'function' ? (canonicalizeModule as Serialize) : (canonicalizeModule as { default: Serialize }).default;

function invalid(path: string, what: string): StoreError {
  return new StoreError('invalid_input', `not plain JSON at ${path}: ${what}`, `${path} 处不是合法的 JSON 值：${what}`, { path });
}

/** Rejects anything JSON cannot carry exactly: undefined, functions, NaN, Infinity, bigint, class instances. */
function assertPlainJson(value: unknown, path: string, depth: number): void {
  if (depth > 64) throw invalid(path, 'nested deeper than 64 levels');
  if (value === null) return;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw invalid(path, String(value));
      return;
    case 'object': {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) assertPlainJson(value[i], `${path}[${i}]`, depth + 1);
        return;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw invalid(path, 'an object that is not a plain record');
      for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) assertPlainJson(v, `${path}.${k}`, depth + 1);
      }
      return;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw invalid(path, typeof value);
  }
}

/**
 * RFC 8785 (JCS) canonical JSON of a plain JSON value. Properties whose value is `undefined` are left out,
 * as JSON.stringify does.
 * @throws StoreError `invalid_input` for values JSON cannot carry exactly (NaN, functions, Dates, bigint …).
 */
export function canonicalJson(value: unknown): string {
  assertPlainJson(value, '$', 0);
  const text = canonicalize(value);
  if (text === undefined) throw invalid('$', 'undefined');
  return text;
}

/** The fields of an event the chain MAC covers. `payload` is already canonical JSON text. */
export interface ChainedFields {
  readonly seq: number;
  readonly tenantId: string;
  readonly itemId: string | null;
  readonly type: string;
  readonly actorUserId: string | null;
  readonly actorUnitId: string | null;
  readonly at: string;
  readonly payload: string;
  readonly prevHash: string;
}

const str = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));

/**
 * The canonical JSON (RFC 8785) of an event as the chain MACs it:
 * `{actorUnit, actorUser, at, item, payload, prev, seq, tenant, type, v}` with keys in JCS order.
 * Built by hand rather than through `canonicalJson` because the verifier runs it for every event: the stored
 * payload is already canonical text, and JCS serialises strings and integers exactly as JSON.stringify does,
 * so splicing gives the same bytes (a property test checks this against the library).
 */
export function eventBody(e: ChainedFields): string {
  return (
    `{"actorUnit":${str(e.actorUnitId)},"actorUser":${str(e.actorUserId)},"at":${JSON.stringify(e.at)},` +
    `"item":${str(e.itemId)},"payload":${e.payload},"prev":${JSON.stringify(e.prevHash)},"seq":${e.seq},` +
    `"tenant":${JSON.stringify(e.tenantId)},"type":${JSON.stringify(e.type)},"v":1}`
  );
}
