/*
 * The one way the web app talks to the server: same-origin fetch under /api/v1, the session cookie, the CSRF
 * token echoed on writes, the user's language for error texts, and problem+json turned into ApiError.
 */

export const API = '/api/v1';
const CSRF_COOKIE = 'luoshi_csrf';

/** An error answered by the server (problem+json), or a network failure (status 0, code `network_error`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly requestId: string | null = null,
    readonly details: Readonly<Record<string, unknown>> | null = null,
  ) {
    super(title);
    this.name = 'ApiError';
  }
}

let language: 'zh' | 'en' = 'zh';
/** Error texts come back in this language (Accept-Language). */
export function setApiLanguage(lang: 'zh' | 'en'): void {
  language = lang;
}

type Listener = (e: ApiError) => void;
const sessionListeners = new Set<Listener>();
/** Called when the server says the session is gone (expired, logged out elsewhere): the app sends the user to log in. */
export function onSessionLost(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

const SESSION_LOST = new Set(['unauthenticated', 'session_expired']);
let lost = false;
/** Whether a request found the session gone since the last login (the login page then says so). */
export const sessionWasLost = (): boolean => lost;
export function clearSessionLost(): void {
  lost = false;
}

/** The CSRF token the server set in a readable cookie at login. */
export function csrfToken(cookie: string = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === CSRF_COOKIE) return decodeURIComponent(v.join('='));
  }
  return null;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly form?: FormData;
  readonly ifMatch?: number;
  readonly signal?: AbortSignal;
  /** Do not report a 401 as a lost session (the login form's own calls). */
  readonly quiet401?: boolean;
}

export interface ApiResponse<T> {
  readonly data: T;
  readonly etag: string | null;
}

async function problemOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    /* not JSON: a proxy's page; keep the status */
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return new ApiError(
    res.status,
    str(body.code) ?? `http_${res.status}`,
    str(body.title) ?? str(body.detail) ?? res.statusText ?? `HTTP ${res.status}`,
    str(body.requestId) ?? res.headers.get('x-request-id'),
    (body.details as Record<string, unknown> | undefined) ?? null,
  );
}

/** How long a GET started at boot waits to be taken; an answer older than this is not handed out. */
export const PRELOAD_TTL_MS = 10_000;
const preloaded = new Map<string, { readonly answer: Promise<ApiResponse<unknown>>; readonly at: number }>();

/**
 * Starts a GET now, before the code that needs it has loaded (boot.ts); the first request() for the same path
 * takes its answer instead of asking again. Quiet about a 401: whether anyone is logged in is not known yet.
 */
export function preloadGet(path: string): void {
  if (preloaded.has(path)) return;
  const answer = request<unknown>(path, { quiet401: true });
  answer.catch(() => undefined); // taken (and reported) by the request that uses it
  preloaded.set(path, { answer, at: Date.now() });
}

/** The preloaded answer for a GET of this path, once, while it is fresh. */
function takePreloaded(path: string, now: number): Promise<ApiResponse<unknown>> | null {
  const hit = preloaded.get(path);
  if (!hit) return null;
  preloaded.delete(path);
  return now - hit.at <= PRELOAD_TTL_MS ? hit.answer : null;
}

/** Sends a request; resolves with the body and ETag, or throws ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? (options.body !== undefined || options.form ? 'POST' : 'GET');
  if (method === 'GET') {
    const early = takePreloaded(path, Date.now());
    if (early) return (await early) as ApiResponse<T>;
  }
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language === 'zh' ? 'zh-CN,zh;q=0.9' : 'en,zh;q=0.1' };
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', '', null, null);
  }
  if (!res.ok) {
    const err = await problemOf(res);
    if (res.status === 401 && SESSION_LOST.has(err.code) && !options.quiet401) {
      lost = true;
      sessionListeners.forEach((l) => l(err));
    }
    throw err;
  }
  const type = res.headers.get('content-type') ?? '';
  const data = (type.includes('json') ? await res.json() : await res.text()) as T;
  return { data, etag: res.headers.get('etag') };
}

/** The body of a GET (or of a write) alone. */
export async function api<T>(path: string, options?: RequestOptions): Promise<T> {
  return (await request<T>(path, options)).data;
}

/** A file's bytes (evidence download/preview), with its media type. */
export async function fetchBlob(path: string): Promise<Blob> {
  const res = await fetch(`${API}${path}`, { credentials: 'same-origin', headers: { 'accept-language': language === 'zh' ? 'zh-CN' : 'en' } });
  if (!res.ok) throw await problemOf(res);
  return res.blob();
}

/** Query string from a record, skipping empty values and repeating arrays. */
export function qs(params: Readonly<Record<string, string | number | readonly string[] | undefined | null>>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length > 0) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
