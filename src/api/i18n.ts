import type { FastifyRequest } from 'fastify';

export type Lang = 'zh' | 'en';

/**
 * The language of messages: zh-CN unless the client prefers English (the first of zh / en in
 * Accept-Language by quality wins; anything unparseable falls back to Chinese).
 */
export function langOf(request: Pick<FastifyRequest, 'headers'>): Lang {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string' || header.length > 500) return 'zh';
  let best: { lang: Lang; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const lang: Lang | null = tag?.startsWith('zh') ? 'zh' : tag?.startsWith('en') ? 'en' : null;
    if (lang && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}
