import type { NotifyChannelBody } from '../../../../src/contracts/http/notify-admin.js';

/*
 * What the 新增渠道 form asks for, kind by kind: the same settings and secrets the server requires (it checks them
 * again), so the admin sees which fields a kind needs before sending, and an incomplete form never leaves the page.
 */

export const CHANNEL_KINDS = ['wecom-robot', 'dingtalk-robot', 'wecom-app', 'dingtalk-work', 'sms-aliyun', 'sms-tencent'] as const;
export type AddableKind = (typeof CHANNEL_KINDS)[number];

export interface FieldSpec {
  /** The name the server knows the value by (settings or secrets key). */
  readonly name: string;
  /** A secret: typed into a password box, sealed by the server and never shown again. */
  readonly secret: boolean;
  readonly required: boolean;
}

export interface KindSpec {
  /** A group robot belongs to a unit and is reached by its webhook URL. */
  readonly robot: boolean;
  readonly fields: readonly FieldSpec[];
}

const s = (name: string, required = true): FieldSpec => ({ name, secret: false, required });
const secret = (name: string, required = true): FieldSpec => ({ name, secret: true, required });

export const KIND_SPECS: Readonly<Record<AddableKind, KindSpec>> = {
  'wecom-robot': { robot: true, fields: [] },
  // 加签 is optional for a 钉钉 robot: without it the robot relies on its keyword or IP settings.
  'dingtalk-robot': { robot: true, fields: [secret('secret', false)] },
  'wecom-app': { robot: false, fields: [s('corpId'), s('agentId'), secret('corpSecret')] },
  'dingtalk-work': { robot: false, fields: [s('appKey'), s('agentId'), secret('appSecret')] },
  'sms-aliyun': { robot: false, fields: [s('accessKeyId'), s('signName'), s('templateCode'), secret('accessKeySecret')] },
  'sms-tencent': { robot: false, fields: [s('secretId'), s('sdkAppId'), s('signName'), s('templateId'), secret('secretKey')] },
};

export const isAddableKind = (k: string): k is AddableKind => (CHANNEL_KINDS as readonly string[]).includes(k);

/** The form's values: kind, unit, URL, and one entry per field of the kind. */
export interface ChannelFormValues {
  readonly kind: AddableKind;
  readonly unitId?: string | null;
  readonly url?: string | null;
  readonly values: Readonly<Record<string, string | undefined>>;
}

/** Why a form cannot be sent yet, as message keys with the field's name (for the catalogue's field label). */
export type FormProblem = { readonly problem: 'unit_required' | 'url_required' | 'url_not_http' } | { readonly problem: 'field_required'; readonly field: string };

const trimmed = (v: string | null | undefined): string => (v ?? '').trim();

/**
 * The request body for the form, or what is missing. Blank optional fields are left out (a blank secret would be
 * refused by the server); a corp app or SMS account without a URL takes the vendor's own address.
 */
export function channelBody(v: ChannelFormValues): { ok: true; body: NotifyChannelBody } | { ok: false; problems: FormProblem[] } {
  const spec = KIND_SPECS[v.kind];
  const problems: FormProblem[] = [];
  const unitId = trimmed(v.unitId);
  const url = trimmed(v.url);
  if (spec.robot && unitId === '') problems.push({ problem: 'unit_required' });
  if (spec.robot && url === '') problems.push({ problem: 'url_required' });
  if (url !== '' && !/^https?:\/\/[^\s]+$/i.test(url)) problems.push({ problem: 'url_not_http' });
  const settings: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const f of spec.fields) {
    const value = trimmed(v.values[f.name]);
    if (value === '') {
      if (f.required) problems.push({ problem: 'field_required', field: f.name });
      continue;
    }
    (f.secret ? secrets : settings)[f.name] = value;
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, body: { kind: v.kind, unitId: unitId === '' ? null : unitId, url: url === '' ? null : url, settings, secrets } };
}
