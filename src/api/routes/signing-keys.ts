import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allSigningKeys, mySigningKeys, type SigningKeyView } from '../../app/signatures/key-views.js';
import { enrolSigningKey, registerSigningKey, revokeSigningKey } from '../../app/signatures/keys.js';
import { readSigningPolicy, setSigningPolicy } from '../../app/signatures/policy.js';
import { SigningKeySchema, SigningPolicySchema } from '../../contracts/http/signatures.js';
import { principalOf } from '../auth.js';
import type { ApiDeps } from '../deps.js';
import { spec } from '../spec.js';

const KeyParams = z.object({ keyId: z.string().min(1).max(200) });

/*
 * Personal SM2 signing keys and the city's signing policy (签章要求) in the web, as `luoshi keys` does on the
 * command line. Session only: a token
 * (a machine) neither holds a person's key nor registers one. The passphrase of an enrolment is used for that
 * request only, never stored or logged.
 */
export function signingKeyRoutes(deps: ApiDeps): FastifyPluginCallbackZod {
  return (app, _opts, done) => {
    const s = { auth: 'session' as const };
    app.get('/signing-keys/mine', spec(s, { tags: ['signatures'], summary: '我的签章密钥 My signing keys' }, { 200: z.array(SigningKeySchema) }), async (request) =>
      mySigningKeys(deps.app, principalOf(request).ref),
    );
    app.post(
      '/signing-keys/mine',
      spec(
        { ...s, writes: true },
        {
          tags: ['signatures'],
          summary: '申领签章密钥 Enrol a software SM2 key sealed by my passphrase (at least 12 characters)',
          body: z.object({ passphrase: z.string().min(1).max(1024) }).strict(),
        },
        { 201: SigningKeySchema },
      ),
      async (request, reply) => {
        const ref = principalOf(request).ref;
        const { keyId } = await enrolSigningKey(deps.app, ref, request.body.passphrase);
        reply.code(201);
        return (await mySigningKeys(deps.app, ref)).find((k) => k.keyId === keyId)!;
      },
    );
    app.get(
      '/admin/signing-keys',
      spec(s, { tags: ['signatures'], summary: '签章密钥列表 Every signing key (security admin)' }, { 200: z.array(SigningKeySchema) }),
      async (request) => allSigningKeys(deps.app, principalOf(request).ref),
    );
    const answer = async (ref: Parameters<typeof allSigningKeys>[1], keyId: string): Promise<SigningKeyView> =>
      (await allSigningKeys(deps.app, ref)).find((k) => k.keyId === keyId)!;
    app.post(
      '/admin/signing-keys/:keyId/register',
      spec({ ...s, writes: true }, { tags: ['signatures'], summary: '登记签章密钥 Register an enrolled key (security admin)', params: KeyParams }, { 200: SigningKeySchema }),
      async (request) => {
        const ref = principalOf(request).ref;
        const k = await registerSigningKey(deps.app, ref, request.params.keyId);
        return answer(ref, k.keyId);
      },
    );
    app.post(
      '/admin/signing-keys/:keyId/revoke',
      spec(
        { ...s, writes: true },
        {
          tags: ['signatures'],
          summary: '吊销签章密钥 Revoke a key: earlier signatures stay valid (security admin)',
          params: KeyParams,
          body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
        },
        { 200: SigningKeySchema },
      ),
      async (request) => {
        const ref = principalOf(request).ref;
        const k = await revokeSigningKey(deps.app, ref, request.params.keyId, request.body.reason);
        return answer(ref, k.keyId);
      },
    );
    app.get(
      '/signing-policy',
      spec(s, { tags: ['signatures'], summary: '签章要求 The signing policy: whether a decision without a registered key is refused' }, { 200: SigningPolicySchema }),
      async (request) => ({ policy: await readSigningPolicy(deps.app, principalOf(request).ref) }),
    );
    app.put(
      '/admin/signing-policy',
      spec(
        { ...s, writes: true },
        { tags: ['signatures'], summary: '设置签章要求 Set the signing policy (security admin)', body: SigningPolicySchema.strict() },
        { 200: SigningPolicySchema },
      ),
      async (request) => ({ policy: await setSigningPolicy(deps.app, principalOf(request).ref, request.body.policy) }),
    );
    done();
  };
}
