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

/** 签章要求: the city's signing policy (read by everyone signed in, set by the security admin). */
export const SigningPolicySchema = z
  .object({
    policy: z
      .enum(['required', 'when_enrolled'])
      .describe('required: 审签, 销号 and issuing a 通报 are refused without an active registered key; when_enrolled: signed when the person has one, unsigned otherwise'),
  })
  .meta({ id: 'SigningPolicy' });

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
