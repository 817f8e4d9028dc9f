import type { Message } from '../../domain/notify/message.js';
import { attempt, failed, fromAnswer, vendorRequest, type ChannelAdapter, type SendContext, type SendTarget } from './adapter.js';
import { dingtalkRobotSign } from './sign.js';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const errcodeOk = (j: Record<string, unknown>) => j.errcode === 0;
const describe = (j: Record<string, unknown>) => `errcode ${String(j.errcode)} ${String(j.errmsg ?? '')}`;

/**
 * 钉钉 custom group robot: POST the robot's webhook URL (with its access_token) a markdown message; with a
 * signing secret (加签) the URL also carries `timestamp` (ms) and `sign` (dingtalkRobotSign, URL-encoded).
 * Success is `{"errcode":0}`. The robot's URL is a secret (it carries the token) and is kept sealed.
 */
export const dingtalkRobot: ChannelAdapter = {
  send: (m: Message, t: SendTarget, ctx: SendContext) =>
    attempt(async () => {
      const url = t.channel?.secrets?.url;
      if (!url) return failed('robot URL missing or its sealed box fails its check', false);
      const u = new URL(url);
      const secret = t.channel?.secrets?.secret;
      if (secret) {
        const ts = ctx.now().getTime();
        u.searchParams.set('timestamp', String(ts));
        u.searchParams.set('sign', dingtalkRobotSign(secret, ts));
      }
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: m.subject, text: m.markdown } });
      return fromAnswer(await vendorRequest(u.toString(), { method: 'POST', headers: JSON_TYPE, body }, ctx.http), errcodeOk, describe);
    }),
};

/** 企业微信 group robot: POST the robot's webhook URL (with its key) a markdown message; success is `{"errcode":0}`. */
export const wecomRobot: ChannelAdapter = {
  send: (m: Message, t: SendTarget, ctx: SendContext) =>
    attempt(async () => {
      const url = t.channel?.secrets?.url;
      if (!url) return failed('robot URL missing or its sealed box fails its check', false);
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: m.markdown } });
      return fromAnswer(await vendorRequest(url, { method: 'POST', headers: JSON_TYPE, body }, ctx.http), errcodeOk, describe);
    }),
};
