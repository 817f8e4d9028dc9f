import { Button, Empty, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/index.js';

/** 监测预警: the HTTP API has no signal routes yet, so this says so and points to the items signals created. */
export default function SignalsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>{t('signals.title')}</Typography.Title>
      <Empty description={t('signals.empty')}>
        <Button type="primary" onClick={() => navigate('/ledgers/signal')}>{t('signals.openLedger')}</Button>
      </Empty>
    </>
  );
}
