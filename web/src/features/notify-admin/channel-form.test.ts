import { describe, expect, it } from 'vitest';
import { channelBody } from './channel-form.js';

describe('channelBody', () => {
  it('puts a robot URL and its unit in the body, the 加签 secret among the secrets', () => {
    expect(channelBody({ kind: 'dingtalk-robot', unitId: ' u1 ', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', values: { secret: 'SEC1' } })).toEqual({
      ok: true,
      body: { kind: 'dingtalk-robot', unitId: 'u1', url: 'https://oapi.dingtalk.com/robot/send?access_token=x', settings: {}, secrets: { secret: 'SEC1' } },
    });
  });

  it('leaves a blank optional secret out rather than sending an empty one', () => {
    const r = channelBody({ kind: 'dingtalk-robot', unitId: 'u1', url: 'https://x.example/robot', values: { secret: '  ' } });
    expect(r.ok && r.body.secrets).toEqual({});
  });

  it('refuses a robot without a unit or URL, and a URL that is not http(s)', () => {
    expect(channelBody({ kind: 'wecom-robot', values: {} })).toEqual({ ok: false, problems: [{ problem: 'unit_required' }, { problem: 'url_required' }] });
    expect(channelBody({ kind: 'wecom-robot', unitId: 'u1', url: 'ftp://x', values: {} })).toEqual({ ok: false, problems: [{ problem: 'url_not_http' }] });
  });

  it('splits a corp app into settings and secrets, tenant-wide, at the vendor address by default', () => {
    expect(channelBody({ kind: 'wecom-app', unitId: null, url: '', values: { corpId: 'ww1', agentId: '1000002', corpSecret: 'S' } })).toEqual({
      ok: true,
      body: { kind: 'wecom-app', unitId: null, url: null, settings: { corpId: 'ww1', agentId: '1000002' }, secrets: { corpSecret: 'S' } },
    });
  });

  it('names every required field an SMS account lacks', () => {
    const r = channelBody({ kind: 'sms-aliyun', values: { accessKeyId: 'AK' } });
    expect(r).toEqual({ ok: false, problems: ['signName', 'templateCode', 'accessKeySecret'].map((field) => ({ problem: 'field_required', field })) });
  });
});
