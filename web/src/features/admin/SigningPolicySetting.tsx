import { App, Radio, Space, Typography } from 'antd';
import type { SigningPolicy } from '../../api/types.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { usePolicyText } from '../../i18n/signing-policy.js';
import { useSetSigningPolicy, useSigningPolicy } from '../signatures/queries.js';

const POLICIES: readonly SigningPolicy[] = ['required', 'when_enrolled'];

/** The security admin's 签章要求: required, or signed only when the person has a key; each change confirmed, then audited. */
export function SigningPolicySetting() {
  const p = usePolicyText();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const policy = useSigningPolicy();
  const set = useSetSigningPolicy();
  if (policy.isError) return <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />;
  const choose = (next: SigningPolicy) =>
    void modal.confirm({
      title: p('title'),
      content: p('confirm', { policy: p(next) }),
      onOk: () =>
        set.mutateAsync(next).then(
          () => void message.success(p('changed', { policy: p(next) })),
          (e: unknown) => void message.error(errorText(e)),
        ),
    });
  return (
    <div data-testid="signing-policy" style={{ marginBottom: 16 }}>
      <Typography.Title level={5}>{p('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{p('intro')}</Typography.Paragraph>
      <Radio.Group value={policy.data} disabled={policy.isPending || set.isPending} onChange={(e) => choose(e.target.value as SigningPolicy)} aria-label={p('title')}>
        <Space direction="vertical">
          {POLICIES.map((k) => (
            <Radio key={k} value={k}>
              {p(k)}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    </div>
  );
}
