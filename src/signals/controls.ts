/** Helpers shared by the zod control schemas of the detectors. */
import { z } from 'zod';
import { SignalsError } from './errors.js';

/** R passes NULL for "use the default"; JSON writes it as null. Drop such keys before parsing. */
export function withoutNulls(input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) return { __invalid: input };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * Parses a control object with `schema`, filling R's defaults.
 * @throws SignalsError invalid_control naming the offending fields
 */
export function parseControl<S extends z.ZodType>(algorithm: string, schema: S, input: unknown): z.output<S> {
  const cleaned = withoutNulls(input);
  if ('__invalid' in cleaned) {
    throw new SignalsError('invalid_control', `${algorithm}: control must be an object`, `${algorithm}：control 必须是对象`);
  }
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(control)'}: ${i.message}`).join('; ');
    throw new SignalsError('invalid_control', `${algorithm}: invalid control — ${issues}`, `${algorithm}：控制参数无效 — ${issues}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** A probability strictly between 0 and 1. */
export const probability = z.number().gt(0).lt(1);

/** Options R accepts but that only change logging; accepted and ignored. */
export const loggingOptions = {
  glmWarnings: z.boolean().optional(),
  verbose: z.boolean().optional(),
  plot: z.boolean().optional(),
};
