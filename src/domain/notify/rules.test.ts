import { describe, expect, it } from 'vitest';
import { composeMessage } from './message.js';
import { DEFAULT_PREFERENCES, planPersonal, quietUntil } from './route.js';
import { DEFAULT_RULES, notifiedEventTypes, rulesFor, type RuleInput } from './rules.js';

const ev = (type: string, payload: Record<string, unknown> = {}, ledgerType = 'directive'): RuleInput => ({ type, payload, ledgerType });
const keys = (e: RuleInput, o: Parameters<typeof rulesFor>[1] = []) => rulesFor(e, o).map((r) => [r.key, r.audience.join('+'), r.urgency].join(':'));

describe('rulesFor', () => {
  it('sends an assignment to the lead and co-units as normal', () => {
    expect(keys(ev('ItemAssigned'))).toEqual(['assigned:lead+co:normal']);
  });

  it('makes a monitoring alarm urgent for the responsible unit and its leaders', () => {
    expect(keys(ev('ItemAssigned', {}, 'signal'))).toEqual(['assigned:lead+lead_leader+co:urgent']);
  });

  it('tells an urge, an automatic overdue urge (lead and owner), a 督办函 and a 通报 apart', () => {
    expect(keys(ev('ItemUrged', { kind: 'urge', automatic: false }))).toEqual(['urged:lead:normal']);
    expect(keys(ev('ItemUrged', { kind: 'urge', automatic: true }))).toEqual(['urged:lead:normal', 'overdue:owner:normal']);
    expect(keys(ev('ItemUrged', { kind: 'supervision_letter', automatic: true }))).toEqual(['supervision_letter:lead+lead_leader:urgent']);
    expect(keys(ev('ItemUrged', { kind: 'bulletin', automatic: false }))).toEqual(['bulletin:lead+lead_leader:urgent']);
  });

  it('tells the other side of a return, a rejection and an extension decision', () => {
    expect(keys(ev('ItemReturned'))).toEqual(['returned:owner:normal']);
    expect(keys(ev('ClosureRejected'))).toEqual(['closure_rejected:lead:normal']);
    expect(keys(ev('ExtensionApproved'))).toEqual(['extension_approved:lead:normal']);
    expect(keys(ev('ExtensionDenied'))).toEqual(['extension_denied:lead:normal']);
  });

  it('tells whoever passes the next stage only while a stage waits', () => {
    expect(keys(ev('StagePassed', { next: { stageIndex: 1, stageKey: 'sign' } }))).toEqual(['stage_waiting:owner:normal']);
    expect(keys(ev('StagePassed', { next: null }))).toEqual([]);
  });

  it('notifies nobody of progress reports and drafts', () => {
    expect(keys(ev('ProgressReported'))).toEqual([]);
    expect(keys(ev('ItemCreated'))).toEqual([]);
    expect(notifiedEventTypes().has('ProgressReported')).toBe(false);
  });

  it('tells 转办 from 提级 by the kind of the move, and the other side of a return after 签收', () => {
    expect(keys(ev('ItemMoved', { kind: 'transfer' }))).toEqual(['transferred:lead+owner:normal']);
    expect(keys(ev('ItemMoved', { kind: 'escalation' }))).toEqual(['escalated:lead+owner:normal']);
    expect(keys(ev('ReturnRequested'))).toEqual(['return_requested:owner:normal']);
    expect(keys(ev('ReturnDenied'))).toEqual(['return_denied:lead:normal']);
    expect(keys(ev('ItemListed', { level: 'city' }))).toEqual(['listed:lead+lead_leader:urgent']);
    expect(keys(ev('ItemUnlisted'))).toEqual(['unlisted:lead:normal']);
  });

  it('fires the rules of event kinds the loop is still to write as soon as they appear', () => {
    expect(keys(ev('RecheckDue'))).toEqual(['recheck_due:owner+lead:normal']);
  });

  it('applies a tenant override per ledger type over one for every type, and can switch a rule off', () => {
    const overrides = [
      { key: 'urged', urgency: 'low' as const },
      { key: 'urged', ledgerType: 'hazard', urgency: 'urgent' as const, audience: ['lead' as const, 'lead_leader' as const] },
      { key: 'instruction', ledgerType: 'appeal', off: true },
    ];
    expect(keys(ev('ItemUrged', { kind: 'urge' }), overrides)).toEqual(['urged:lead:low']);
    expect(keys(ev('ItemUrged', { kind: 'urge' }, 'hazard'), overrides)).toEqual(['urged:lead+lead_leader:urgent']);
    expect(keys(ev('InstructionGiven', {}, 'appeal'), overrides)).toEqual([]);
    expect(keys(ev('InstructionGiven', {}, 'directive'), overrides)).toEqual(['instruction:lead:normal']);
  });

  it('gives every rule a unique key and a label', () => {
    expect(new Set(DEFAULT_RULES.map((r) => r.key)).size).toBe(DEFAULT_RULES.length);
    for (const r of DEFAULT_RULES) expect(r.label.length).toBeGreaterThan(0);
  });
});

describe('planPersonal', () => {
  const zone = 'Asia/Shanghai';
  const at = (local: string) => Date.parse(`${local}+08:00`);
  const quiet = { ...DEFAULT_PREFERENCES, quiet: { from: '22:00', to: '07:30' } };

  it('sends normal messages by email and the corp app, SMS only when urgent', () => {
    expect(planPersonal('normal', DEFAULT_PREFERENCES, at('2026-03-02T10:00:00'), zone)).toEqual({ channels: ['email', 'work'], notBefore: null });
    expect(planPersonal('urgent', DEFAULT_PREFERENCES, at('2026-03-02T10:00:00'), zone).channels).toContain('sms');
    expect(planPersonal('low', DEFAULT_PREFERENCES, at('2026-03-02T10:00:00'), zone).channels).toEqual([]);
  });

  it('holds a normal message sent in quiet hours until they end (over midnight), but not an urgent one', () => {
    expect(planPersonal('normal', quiet, at('2026-03-02T23:10:00'), zone).notBefore).toBe(at('2026-03-03T07:30:00'));
    expect(planPersonal('normal', quiet, at('2026-03-03T06:00:00'), zone).notBefore).toBe(at('2026-03-03T07:30:00'));
    expect(planPersonal('normal', quiet, at('2026-03-03T07:30:00'), zone).notBefore).toBeNull();
    expect(planPersonal('urgent', quiet, at('2026-03-02T23:10:00'), zone).notBefore).toBeNull();
    expect(quietUntil(at('2026-03-02T12:00:00'), zone, { from: '12:00', to: '12:00' })).toBeNull();
  });

  it('sends only urgent messages at once to someone who wants the digest only', () => {
    const digest = { ...DEFAULT_PREFERENCES, digestOnly: true };
    expect(planPersonal('normal', digest, at('2026-03-02T10:00:00'), zone).channels).toEqual([]);
    expect(planPersonal('urgent', digest, at('2026-03-02T10:00:00'), zone).channels).toEqual(['email', 'work', 'sms']);
  });
});

describe('composeMessage', () => {
  it('puts the item number in a zh-CN subject and escapes the title in HTML and Markdown', () => {
    const m = composeMessage({
      number: '督办〔2026〕0012号',
      title: '整治 <script>alert(1)</script> [点我](http://x)',
      label: '新交办',
      urgent: false,
      link: 'https://luoshi.example.gov.cn/items/i1',
    });
    expect(m.subject).toBe('【落实】督办〔2026〕0012号 新交办：整治 <script>alert(1)</script> [点我](http://x)');
    expect(m.html).not.toContain('<script>');
    expect(m.markdown).toContain('\\[点我\\]\\(http://x\\)');
    expect(m.text).toContain('查看：https://luoshi.example.gov.cn/items/i1');
    expect(m.sms).toEqual({ number: '督办〔2026〕0012号', event: '新交办' });
  });

  it('marks urgent messages and clips long titles', () => {
    const m = composeMessage({ number: 'N1', title: '长'.repeat(200), label: '督办函', urgent: true, link: null });
    expect(m.subject.startsWith('【落实】【紧急】N1 督办函：')).toBe(true);
    expect(m.subject.length).toBeLessThan(90);
  });
});
