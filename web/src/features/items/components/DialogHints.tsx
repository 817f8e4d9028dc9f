import { Alert, Form, Input, type FormInstance } from 'antd';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { usePolicyText } from '../../../i18n/signing-policy.js';
import { useMySigningKeys, useSigningPolicy } from '../../signatures/queries.js';
import { signingOutlook, signingReadiness } from '../../signatures/signing.js';
import { FREE_TEXT_FIELDS, personalKindsIn } from '../personal-hint.js';

/**
 * The signing passphrase of a signed decision (审签, 销号): asked for when the person has a registered key;
 * otherwise, by the city's signing policy, a clear word that the decision will be refused (required) and what
 * to do, or that it will go unsigned (when_enrolled) and why. The field's value is sent with this one
 * action; the form is destroyed with the dialog, so nothing keeps it.
 */
export function SigningField({ decision }: { decision: 'sign_off' | 'close' }) {
  const { t } = useI18n();
  const p = usePolicyText();
  const keys = useMySigningKeys();
  const readiness = signingReadiness(keys.data ?? []);
  // The city's policy matters only to a person without a key that signs: refused (required) or unsigned.
  const policy = useSigningPolicy(!keys.isPending && readiness !== 'ready');
  const what = t(`signature.decision.${decision}`);
  const outlook = signingOutlook(readiness, policy.data);
  if (keys.isPending || outlook === null) return <Alert type="info" message={t('sign.checking')} style={{ marginBottom: 16 }} />;
  if (outlook === 'refused') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="signing-refused"
        message={p(readiness === 'pending' ? 'refusedPending' : 'refusedNone', { decision: what })}
        style={{ marginBottom: 16 }}
      />
    );
  }
  if (outlook === 'unsigned') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="signing-unavailable"
        message={t(readiness === 'pending' ? 'sign.pending' : 'sign.none', { decision: what })}
        style={{ marginBottom: 16 }}
      />
    );
  }
  return (
    <>
      <Alert type="info" showIcon message={t('sign.ready', { decision: what })} style={{ marginBottom: 16 }} />
      <Form.Item name="passphrase" label={t('sign.passphrase')} rules={[{ required: true, message: t('sign.required') }]}>
        <Input.Password autoComplete="off" maxLength={1024} data-testid="signing-passphrase" />
      </Form.Item>
    </>
  );
}

/** Warns, as the person types, when a free-text field of the action holds personal data by its shape. */
export function PersonalDataHint({ slug, form }: { slug: string; form: FormInstance }) {
  const { t } = useI18n();
  const fields = FREE_TEXT_FIELDS[slug] ?? [];
  const values = Form.useWatch((v: Record<string, unknown>) => fields.map((f) => v[f]), form) ?? [];
  const kinds = [...new Set(values.flatMap((v) => personalKindsIn(v)))];
  if (kinds.length === 0) return null;
  const names = kinds.map((k) => t(`personal.kind.${k}` as MessageKey)).join(t('common.listSeparator'));
  return <Alert type="warning" showIcon role="status" data-testid="personal-data-hint" message={t('personal.warning', { kinds: names })} style={{ marginBottom: 16 }} />;
}
