import canonicalizeModule from 'canonicalize';
import { StoreError } from './errors.js';

type Serialize = (input: unknown) => string | undefined;
// The package is CommonJS (`module.exports = fn`) but its typings declare an ES default export; under
// NodeNext the import is the module object in one view and the function in the other, so take either.
const canonicalize: Serialize = typeof canonicalizeModule === 'function' ? (canonicalizeModule as Serialize) : (canonicalizeModule as { default: Serialize }).default;

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
  return eventBodyOf(e.seq, JSON.stringify(e.tenantId), e.itemId, e.type, e.actorUserId, e.actorUnitId, e.at, e.payload, e.prevHash);
}

/**
 * eventBody with positional arguments and the tenant already JSON-encoded: the verifier's inner loop, which
 * would otherwise allocate a fields object and re-encode the same tenant for every event.
 */
export function eventBodyOf(
  seq: number,
  tenantJson: string,
  itemId: string | null,
  type: string,
  actorUserId: string | null,
  actorUnitId: string | null,
  at: string,
  payload: string,
  prevHash: string,
): string {
  return (
    `{"actorUnit":${str(actorUnitId)},"actorUser":${str(actorUserId)},"at":${JSON.stringify(at)},` +
    `"item":${str(itemId)},"payload":${payload},"prev":${JSON.stringify(prevHash)},"seq":${seq},` +
    `"tenant":${tenantJson},"type":${JSON.stringify(type)},"v":1}`
  );
}
