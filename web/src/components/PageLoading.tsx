import { Spin } from 'antd';
import { useI18n } from '../i18n/index.js';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin tip={t('common.loading')}>
        <div style={{ width: 120, height: 40 }} />
      </Spin>
    </div>
  );
}
