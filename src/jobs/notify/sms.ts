import { randomUUID } from 'node:crypto';
import type { Message } from '../../domain/notify/message.js';
import { attempt, failed, fromAnswer, vendorRequest, type ChannelAdapter, type SendContext, type SendTarget } from './adapter.js';
import { acs3Authorization, acsQuery, bodySha256, tc3Authorization } from './sign.js';

/** `2026-03-02T10:00:00Z`: 阿里云's x-acs-date, UTC without milliseconds. */
const acsDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * 阿里云 短信 SendSms (API 2017-05-25) signed with V3 (ACS3-HMAC-SHA256): an RPC call, its parameters
 * (PhoneNumbers, SignName, TemplateCode, TemplateParam) in the query string, an empty body; success is
 * `{"Code":"OK"}`. Only a pre-approved template is sent, filled with the item number and what happened.
 */
export const aliyunSms: ChannelAdapter = {
  send: (m: Message, t: SendTarget, ctx: SendContext) =>
    attempt(async () => {
      const c = t.channel;
      const secret = c?.secrets?.accessKeySecret;
      if (!c || !secret) return failed('AccessKey secret missing or its sealed box fails its check', false);
      if (!t.address) return failed('no phone number for the recipient', false);
      const u = new URL(c.url);
      const query = { PhoneNumbers: t.address, SignName: c.settings.signName ?? '', TemplateCode: c.settings.templateCode ?? '', TemplateParam: JSON.stringify(m.sms) };
      const body = '';
      const headers: Record<string, string> = {
        host: u.host,
        'x-acs-action': 'SendSms',
        'x-acs-version': '2017-05-25',
        'x-acs-date': acsDate(ctx.now()),
        'x-acs-signature-nonce': randomUUID(),
        'x-acs-content-sha256': bodySha256(body),
      };
      const authorization = acs3Authorization({ method: 'POST', path: '/', query, headers, body, accessKeyId: c.settings.accessKeyId ?? '', accessKeySecret: secret });
      const { host: _host, ...sent } = headers;
      const a = await vendorRequest(`${u.origin}/?${acsQuery(query)}`, { method: 'POST', headers: { ...sent, authorization }, body }, ctx.http);
      return fromAnswer(
        a,
        (j) => j.Code === 'OK',
        (j) => `${String(j.Code ?? '')} ${String(j.Message ?? '')}`,
      );
    }),
};

/**
 * 腾讯云 短信 SendSms (API 2021-01-11) signed with TC3-HMAC-SHA256: a JSON body (PhoneNumberSet, SmsSdkAppId,
 * SignName, TemplateId, TemplateParamSet), X-TC-* headers; success is every SendStatusSet entry `Code: "Ok"`,
 * an error is `Response.Error`.
 */
export const tencentSms: ChannelAdapter = {
  send: (m: Message, t: SendTarget, ctx: SendContext) =>
    attempt(async () => {
      const c = t.channel;
      const secret = c?.secrets?.secretKey;
      if (!c || !secret) return failed('SecretKey missing or its sealed box fails its check', false);
      if (!t.address) return failed('no phone number for the recipient', false);
      const u = new URL(c.url);
      const phone = t.address.startsWith('+') ? t.address : `+86${t.address}`;
      const body = JSON.stringify({
        PhoneNumberSet: [phone],
        SmsSdkAppId: c.settings.sdkAppId ?? '',
        SignName: c.settings.signName ?? '',
        TemplateId: c.settings.templateId ?? '',
        TemplateParamSet: [m.sms.number, m.sms.event],
      });
      const contentType = 'application/json; charset=utf-8';
      const timestamp = Math.floor(ctx.now().getTime() / 1000);
      const authorization = tc3Authorization({
        service: 'sms',
        host: u.host,
        action: 'SendSms',
        contentType,
        body,
        timestamp,
        secretId: c.settings.secretId ?? '',
        secretKey: secret,
      });
      const headers = {
        authorization,
        'content-type': contentType,
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': c.settings.region ?? 'ap-guangzhou',
      };
      const a = await vendorRequest(`${u.origin}/`, { method: 'POST', headers, body }, ctx.http);
      const response = (j: Record<string, unknown>) => (j.Response ?? {}) as { Error?: { Code?: string; Message?: string }; SendStatusSet?: { Code?: string }[] };
      return fromAnswer(
        a,
        (j) => !response(j).Error && (response(j).SendStatusSet ?? []).length > 0 && (response(j).SendStatusSet ?? []).every((s) => s.Code === 'Ok'),
        (j) => {
          const r = response(j);
          return r.Error ? `${r.Error.Code ?? ''} ${r.Error.Message ?? ''}` : (r.SendStatusSet ?? []).map((s) => s.Code).join(',');
        },
      );
    }),
};
