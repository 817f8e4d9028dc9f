import { detectShapes, type PersonalKind } from '../../../../src/privacy/shapes.js';

/*
 * Personal data typed into an ordinary free-text field (a report, a closure summary): the web warns as the
 * person types and suggests the case's personal fields, where it is sealed with the case key. The server's
 * detector (with names, by jieba) flags it again on the write; here only the shape rules run — the same code,
 * no segmenter, cheap enough for every keystroke.
 */

/** The kinds of personal data found in a text, each once, in the order first found. */
export function personalKindsIn(text: unknown): PersonalKind[] {
  if (typeof text !== 'string' || text.length < 5) return [];
  return [...new Set(detectShapes(text).map((s) => s.kind))];
}

/** The form fields of an action that take free text which is not personal (what the warning watches). */
export const FREE_TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  report: ['text'],
  'report-co-unit': ['text'],
  'request-closure': ['summary'],
  'pass-stage': ['note'],
  'decide-extension': ['note'],
  urge: ['note'],
  instruct: ['text'],
};
