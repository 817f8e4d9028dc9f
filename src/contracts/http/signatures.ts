import { z } from 'zod';

/* Personal signing keys and 公示 objections as the API shows them (the web infers its types from these). */

export const SigningKeySchema = z
  .object({
    keyId: z.string(),
    userId: z.string(),
    userName: z.string().nullable(),
    state: z
      .enum(['enrolled', 'registered', 'revoked'])
      .describe('enrolled: waits for the security admin; registered: signs; revoked: signs no more, earlier signatures stay valid'),
    publicKeyPem: z.string(),
    enrolledAt: z.string(),
    registeredAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'SigningKey' });

export const ObjectionSchema = z
  .object({
    objectionId: z.string(),
    itemId: z.string(),
    filedAt: z.string(),
    text: z.string(),
    contact: z.string().nullable(),
    reply: z.string().nullable(),
    reopened: z.boolean(),
    handledAt: z.string().nullable(),
  })
  .meta({ id: 'Objection' });

export const OpenObjectionsOfItemSchema = z
  .object({ itemId: z.string(), number: z.string(), title: z.string(), stageKey: z.string().nullable(), open: z.number(), oldestFiledAt: z.string() })
  .meta({ id: 'OpenObjectionsOfItem' });
