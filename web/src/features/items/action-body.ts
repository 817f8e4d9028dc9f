import type { Dayjs } from 'dayjs';

/** Form values of an action dialog, as antd's Form gives them (dates are dayjs objects). */
export interface ActionFormValues {
  readonly [key: string]: unknown;
}

const day = (v: unknown): string | undefined => {
  if (!v) return undefined;
  if (typeof v === 'string') return v;
  return (v as Dayjs).format('YYYY-MM-DD');
};
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const opt = (v: unknown): string | undefined => (text(v) ? text(v) : undefined);

/** Field values of a form (closure fields): dates as YYYY-MM-DD, empty ones left out. */
export function fieldValues(values: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    out[k] = typeof v === 'object' && v !== null && 'format' in v ? day(v) : typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/**
 * The request body of an action from its dialog's values: exactly the names the API's schema takes, optional
 * ones left out when empty (the server's guards still judge reasons, deadlines and evidence).
 */
export function actionBody(slug: string, v: ActionFormValues, stageKey: string | null): Record<string, unknown> {
  const evidence = Array.isArray(v.evidence) ? (v.evidence as string[]) : [];
  switch (slug) {
    case 'assign':
      return {
        leadUnitId: v.leadUnitId,
        coUnitIds: Array.isArray(v.coUnitIds) ? (v.coUnitIds as string[]).filter((u) => u !== v.leadUnitId) : [],
        deadline: day(v.deadline) ?? null,
        cadence: v.cadence ?? null,
      };
    case 'accept':
      return opt(v.contact) ? { contact: opt(v.contact) } : {};
    case 'return':
    case 'cancel':
      return { reason: text(v.reason) };
    case 'report':
      return { text: text(v.text), percent: Number(v.percent ?? 0), evidence };
    case 'report-co-unit':
      return { text: text(v.text), evidence };
    case 'request-extension':
      return { deadline: day(v.deadline), reason: text(v.reason) };
    case 'decide-extension':
      return v.decision === 'deny'
        ? { decision: 'deny', reason: text(v.reason) }
        : { decision: 'approve', ...(day(v.deadline) ? { deadline: day(v.deadline) } : {}), ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'request-closure':
      return { summary: text(v.summary), evidence, fields: fieldValues(v.fields as Record<string, unknown> | undefined) };
    case 'pass-stage':
      return {
        ...(stageKey ? { stageKey } : {}),
        ...(opt(v.note) ? { note: opt(v.note) } : {}),
        ...(v.satisfaction ? { rating: { satisfaction: v.satisfaction, resolved: v.resolved === true } } : {}),
        // The signing passphrase, exactly as typed (never trimmed: spaces may be part of it).
        ...(typeof v.passphrase === 'string' && v.passphrase !== '' ? { passphrase: v.passphrase } : {}),
      };
    case 'reject':
      return { ...(stageKey ? { stageKey } : {}), reason: text(v.reason) };
    case 'reopen':
      return { reason: text(v.reason), ...(day(v.deadline) ? { deadline: day(v.deadline) } : {}) };
    case 'confirm-recheck':
      return { note: text(v.text), evidence };
    case 'urge':
      return { kind: v.kind ?? 'urge', ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'instruct':
      return { text: text(v.text) };
    case 'transfer':
      return { leadUnitId: v.leadUnitId, reason: text(v.reason), ...(day(v.deadline) ? { deadline: day(v.deadline) } : {}) };
    case 'escalate':
      return { reason: text(v.reason), ...(opt(v.toUnitId as string | undefined) ? { toUnitId: v.toUnitId } : {}) };
    case 'request-return':
      return { reason: text(v.reason) };
    case 'decide-return':
      return v.decision === 'deny' ? { approve: false, reason: text(v.reason) } : { approve: true };
    default:
      return {};
  }
}
