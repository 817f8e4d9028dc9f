import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import type { ItemDetail } from '../../../api/types.js';
import { cityDateTime } from '../../../i18n/dates.js';
import { useI18n } from '../../../i18n/index.js';
import { validityOf } from '../../signatures/signing.js';

/** 已签章: each signed decision of the item with its signer, time and whether the signature holds. */
export function ItemSignatures({ detail }: { detail: ItemDetail }) {
  const { t, tx, lang } = useI18n();
  if (detail.signatures.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <Space>
          <SafetyCertificateOutlined />
          {t('signature.title')}
        </Space>
      }
      data-testid="signatures"
    >
      <List
        size="small"
        dataSource={detail.signatures}
        renderItem={(s) => {
          const v = validityOf(s);
          return (
            <List.Item data-testid="signature">
              <Space direction="vertical" size={2}>
                <Space wrap>
                  <Tag color={v.ok ? 'green' : 'red'} icon={<SafetyCertificateOutlined />}>
                    {t('signature.title')}
                  </Tag>
                  <Typography.Text strong>{tx('signature.decision', s.decision)}</Typography.Text>
                </Space>
                <Typography.Text>
                  {t('signature.signer')}：{s.signerName ?? '—'}
                </Typography.Text>
                <Typography.Text>
                  {t('signature.at')}：{cityDateTime(s.at, lang)}
                </Typography.Text>
                <Typography.Text type={v.ok ? 'success' : 'danger'}>
                  {t('signature.validity')}：{t(v.key, { at: cityDateTime(s.keyRevokedAt, lang) })}
                </Typography.Text>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
