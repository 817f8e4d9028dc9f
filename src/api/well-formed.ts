import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (s: string): boolean => !LONE_SURROGATE.test(s);

/** Whether any string in a parsed JSON value (or a query or path parameter) is not well-formed UTF-16. */
function illFormed(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return !wellFormed(v);
  if (depth > 64 || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some((x) => illFormed(x, depth + 1));
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => !wellFormed(k) || illFormed(x, depth + 1));
}

/**
 * Text with a lone surrogate (JSON allows "\ud800"; no character has it) is refused as 400 `invalid_unicode`
 * before any use case sees it: PostgreSQL cannot store it and SQLite would store a string no export can
 * encode, so the two databases would disagree about the same request.
 */
export function installWellFormedCheck(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    done(illFormed(request.body) || illFormed(request.query) || illFormed(request.params) ? new HttpProblem('invalid_unicode', 400) : undefined);
  });
}
