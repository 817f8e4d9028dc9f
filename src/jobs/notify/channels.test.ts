/*
 * Every channel adapter against a local fake of its vendor on 127.0.0.1 that checks the request the way the
 * vendor does (robot 加签 and keys, access tokens, ACS3 and TC3 signatures), and e-mail against a real local SMTP
 * server: what is sent, what a 5xx or an expired token leads to, and that the SSRF policy holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage } from '../../domain/notify/message.js';
import type { OpenChannel } from '../../store/index.js';
import type { SendContext } from './adapter.js';
import { dingtalkWork, wecomApp } from './corp-apps.js';
import { emailAdapter } from './email.js';
import { dingtalkRobot, wecomRobot } from './robots.js';
import { acs3Authorization } from './sign.js';
import { aliyunSms, tencentSms } from './sms.js';
import { fakeAliyunSms, fakeDingtalkRobot, fakeDingtalkWork, fakeTencentSms, fakeWecomApp, fakeWecomRobot, type Fake } from './testing/fakes.js';
import { startLocalSmtp } from './testing/smtp.js';

const message = composeMessage({ number: '督办〔2026〕0012号', title: '落实汛期值守', label: '新交办', urgent: false, link: 'https://luoshi.example.gov.cn/items/i1' });
const ctx: SendContext = { now: () => new Date(), http: { allowPrivate: true, timeoutMs: 5_000 } };

let n = 0;
const channel = (kind: string, url: string, settings: Record<string, string>, secrets: Record<string, string>): OpenChannel => ({
  id: `ch-${++n}`,
  tenantId: 't',
  kind,
  unitId: null,
  url,
  settings,
  secrets,
  createdBy: 'u',
  createdAt: '2026-03-02T00:00:00.000Z',
  disabledAt: null,
});

const fakes: Fake[] = [];
const track = async <F extends Fake>(f: Promise<F>): Promise<F> => {
  const x = await f;
  fakes.push(x);
  return x;
};
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

describe('signing', () => {
  it("computes the ACS3-HMAC-SHA256 signature of the example in 阿里云's V3 signature document", () => {
    // help.aliyun.com "V3版本请求体&签名机制": RunInstances, 2023-10-26T09:01:01Z, nonce d410180a…, empty body.
    const auth = acs3Authorization({
      method: 'POST',
      path: '/',
      query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
      headers: {
        host: 'ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action': 'RunInstances',
        'x-acs-date': '2023-10-26T09:01:01Z',
        'x-acs-version': '2014-05-26',
        'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-acs-signature-nonce': 'd410180a5abf7fe235dd9b74aca91fc0',
      },
      body: '',
      accessKeyId: 'YourAccessKeyId',
      accessKeySecret: 'YourAccessKeySecret',
    });
    expect(auth).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804',
    );
  });
});

describe('group robots', () => {
  it('钉钉: posts markdown with a 加签 signature the robot accepts; a wrong secret is refused', async () => {
    const fake = await track(fakeDingtalkRobot('abc', 'SEC123'));
    const ok = await dingtalkRobot.send(
      message,
      { channel: channel('dingtalk-robot', '', {}, { url: `${fake.url}/robot/send?access_token=abc`, secret: 'SEC123' }), address: null },
      ctx,
    );
    expect(ok).toEqual({ ok: true });
    const body = JSON.parse(fake.accepted[0]!.body) as { markdown: { title: string; text: string } };
    expect(body.markdown.title).toContain('督办〔2026〕0012号');
    expect(body.markdown.text).toContain('[查看事项](https://luoshi.example.gov.cn/items/i1)');
    const wrong = await dingtalkRobot.send(
      message,
      { channel: channel('dingtalk-robot', '', {}, { url: `${fake.url}/robot/send?access_token=abc`, secret: 'SECxxx' }), address: null },
      ctx,
    );
    expect(wrong).toMatchObject({ ok: false, retry: true });
    expect(wrong.ok ? '' : wrong.error).toContain('310000');
    expect(fake.accepted).toHaveLength(1);
  });

  it('企业微信: posts markdown to the robot key; a 5xx is retried and the next attempt goes through', async () => {
    const fake = await track(fakeWecomRobot('k-1'));
    const ch = channel('wecom-robot', '', {}, { url: `${fake.url}/cgi-bin/webhook/send?key=k-1` });
    fake.failNext(1);
    expect(await wecomRobot.send(message, { channel: ch, address: null }, ctx)).toEqual({ ok: false, retry: true, error: 'HTTP 502' });
    expect(await wecomRobot.send(message, { channel: ch, address: null }, ctx)).toEqual({ ok: true });
    expect(fake.accepted).toHaveLength(1);
  });

  it('refuses a robot at a private address unless the installation allows private targets, without retrying', async () => {
    const fake = await track(fakeWecomRobot('k-2'));
    const r = await wecomRobot.send(
      message,
      { channel: channel('wecom-robot', '', {}, { url: `${fake.url}/cgi-bin/webhook/send?key=k-2` }), address: null },
      { ...ctx, http: { allowPrivate: false } },
    );
    expect(r).toMatchObject({ ok: false, retry: false });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('corp apps', () => {
  it('钉钉 工作通知: fetches a token once, reuses it, and fetches a new one when the vendor says it expired', async () => {
    const fake = await track(fakeDingtalkWork('key-1', 'secret-1', 4001));
    const ch = channel('dingtalk-work', fake.url, { appKey: 'key-1', agentId: '4001' }, { appSecret: 'secret-1' });
    expect(await dingtalkWork.send(message, { channel: ch, address: 'manager001' }, ctx)).toEqual({ ok: true });
    expect(await dingtalkWork.send(message, { channel: ch, address: 'manager001' }, ctx)).toEqual({ ok: true });
    expect(fake.tokensIssued()).toBe(1);
    fake.expireAll();
    expect(await dingtalkWork.send(message, { channel: ch, address: 'manager001' }, ctx)).toEqual({ ok: true });
    expect(fake.tokensIssued()).toBe(2);
    expect(fake.accepted.map((r) => (JSON.parse(r.body) as { userid_list: string }).userid_list)).toEqual(['manager001', 'manager001', 'manager001']);
  });

  it('企业微信 应用消息: refreshes an expired token (42001) and sends to the mapped user id; wrong credentials fail', async () => {
    const fake = await track(fakeWecomApp('corp-1', 'cs-1', 1000002));
    const ch = channel('wecom-app', fake.url, { corpId: 'corp-1', agentId: '1000002' }, { corpSecret: 'cs-1' });
    expect(await wecomApp.send(message, { channel: ch, address: 'ZhangSan' }, ctx)).toEqual({ ok: true });
    fake.expireAll();
    expect(await wecomApp.send(message, { channel: ch, address: 'ZhangSan' }, ctx)).toEqual({ ok: true });
    expect(fake.tokensIssued()).toBe(2);
    expect((JSON.parse(fake.accepted[1]!.body) as { touser: string }).touser).toBe('ZhangSan');
    const bad = channel('wecom-app', fake.url, { corpId: 'corp-1', agentId: '1000002' }, { corpSecret: 'nope' });
    expect(await wecomApp.send(message, { channel: bad, address: 'ZhangSan' }, ctx)).toMatchObject({ ok: false, retry: true });
  });
});

describe('SMS', () => {
  it('阿里云: sends SendSms with an ACS3 signature the fake recomputes; a wrong secret is refused', async () => {
    const fake = await track(fakeAliyunSms('LTAI-test', 'ak-secret'));
    const ch = channel('sms-aliyun', fake.url, { accessKeyId: 'LTAI-test', signName: '落实', templateCode: 'SMS_001' }, { accessKeySecret: 'ak-secret' });
    expect(await aliyunSms.send(message, { channel: ch, address: '13800000000' }, ctx)).toEqual({ ok: true });
    const q = fake.accepted[0]!.query;
    expect(q.get('PhoneNumbers')).toBe('13800000000');
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual({ number: '督办〔2026〕0012号', event: '新交办' });
    const wrong = channel('sms-aliyun', fake.url, { accessKeyId: 'LTAI-test', signName: '落实', templateCode: 'SMS_001' }, { accessKeySecret: 'other' });
    const r = await aliyunSms.send(message, { channel: wrong, address: '13800000000' }, ctx);
    expect(r.ok ? '' : r.error).toContain('SignatureDoesNotMatch');
  });

  it('腾讯云: sends SendSms with a TC3 signature the fake recomputes, the number in E.164; a 5xx is retried', async () => {
    const fake = await track(fakeTencentSms('AKID-test', 'sk-test'));
    const ch = channel('sms-tencent', fake.url, { secretId: 'AKID-test', sdkAppId: '1400000000', signName: '落实', templateId: '100' }, { secretKey: 'sk-test' });
    fake.failNext(1);
    expect(await tencentSms.send(message, { channel: ch, address: '13800000000' }, ctx)).toMatchObject({ ok: false, retry: true });
    expect(await tencentSms.send(message, { channel: ch, address: '13800000000' }, ctx)).toEqual({ ok: true });
    const b = JSON.parse(fake.accepted[0]!.body) as { PhoneNumberSet: string[]; TemplateParamSet: string[] };
    expect(b.PhoneNumberSet).toEqual(['+8613800000000']);
    expect(b.TemplateParamSet).toEqual(['督办〔2026〕0012号', '新交办']);
    const wrong = channel('sms-tencent', fake.url, { secretId: 'AKID-test', sdkAppId: '1400000000', signName: '落实', templateId: '100' }, { secretKey: 'bad' });
    const r = await tencentSms.send(message, { channel: wrong, address: '13800000000' }, ctx);
    expect(r.ok ? '' : r.error).toContain('AuthFailure.SignatureFailure');
  });
});

describe('e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startLocalSmtp>>;
  beforeAll(async () => {
    smtp = await startLocalSmtp();
  });
  afterAll(() => smtp.close());

  it('sends plain text and HTML with the zh-CN subject; a 4xx reply is retried, then it goes through', async () => {
    const mail = emailAdapter({ url: smtp.url, from: 'Luoshi <luoshi@example.gov.cn>' });
    try {
      smtp.failNext(1);
      const first = await mail.send(message, { channel: null, address: 'a@example.gov.cn' }, ctx);
      expect(first).toMatchObject({ ok: false, retry: true });
      expect(await mail.send(message, { channel: null, address: 'a@example.gov.cn' }, ctx)).toEqual({ ok: true });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({ to: ['a@example.gov.cn'], subject: '【落实】督办〔2026〕0012号 新交办：落实汛期值守' });
      expect(smtp.mails[0]!.text).toContain('查看：https://luoshi.example.gov.cn/items/i1');
      expect(smtp.mails[0]!.html).toContain('<a href="https://luoshi.example.gov.cn/items/i1">');
    } finally {
      mail.close();
    }
  });
});
