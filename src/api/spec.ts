import type { FastifyContextConfig, FastifySchema } from 'fastify';
import type { z } from 'zod';
import { ProblemSchema } from '../contracts/http/common.js';

type Schemas = { tags: string[]; summary: string; body?: z.ZodType; querystring?: z.ZodType; params?: z.ZodType; headers?: z.ZodType };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Response schemas for the OpenAPI document only: presenters shape the answers, and skipping a runtime check keeps hot routes fast. */
    readonly responses?: Readonly<Record<number, z.ZodType>>;
  }
}

/** Route options in one line: guard config, request schemas (validated), response schemas (documented). */
export function spec<S extends Schemas>(config: FastifyContextConfig, schema: S, responses: Record<number, z.ZodType> = {}) {
  const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema };
  return { config: { ...config, responses: { ...problems, ...responses } }, schema: schema as S & FastifySchema };
}
