import { HttpProblem } from './problem.js';

/** The ETag of an item version. */
export const etag = (version: number): string => `"${version}"`;

/**
 * The version an If-Match header expects, as the loop's `expectedVersion` (absent header or `*`: none).
 * @throws HttpProblem `precondition_failed` (412) for a header that names no version of ours.
 */
export function expectedVersion(header: string | string[] | undefined): { expectedVersion?: number } {
  if (header === undefined || header === '*') return {};
  const value = Array.isArray(header) ? header[0] : header;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value ?? '');
  if (!m) throw new HttpProblem('precondition_failed', 412);
  return { expectedVersion: Number(m[1]) };
}
