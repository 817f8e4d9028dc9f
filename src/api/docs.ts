import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/**
 * OpenAPI 3.1 generated from the zod contracts of src/contracts at `<prefix>/openapi.json`, and a browsable
 * reference at `<prefix>/docs` served from the installed package (nothing is fetched from the network).
 */
export async function registerDocs(app: FastifyInstance, prefix: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Luoshi 落实 API',
        version: '1',
        description:
          '督查督办 supervision and follow-up. Log in with POST /session (cookie + X-CSRF-Token on writes) or send `Authorization: Bearer <token>`. Errors are application/problem+json with a stable `code`; texts follow Accept-Language (zh-CN by default, English).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'luoshi_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: (args) => {
      const responses = (args.route.config as { responses?: Record<number, unknown> } | undefined)?.responses;
      const schema = responses ? { ...args.schema, response: responses } : args.schema;
      return jsonSchemaTransform({ ...args, schema } as Parameters<typeof jsonSchemaTransform>[0]);
    },
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: `${prefix}/docs`, staticCSP: true, uiConfig: { validatorUrl: null, deepLinking: true } as Record<string, unknown> });
  app.get(`${prefix}/openapi.json`, { config: { auth: 'public' }, schema: { hide: true } }, (_request, reply) => reply.send(app.swagger()));
}
