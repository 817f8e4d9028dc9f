import type { FastifyReply } from 'fastify';

/**
 * A signal aborted when the client goes away before its answer is sent, so that work done only for it (parsing
 * an upload) stops instead of running on for nobody.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const ac = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort();
  });
  return ac.signal;
}
