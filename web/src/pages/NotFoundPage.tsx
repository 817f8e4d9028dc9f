import { Result } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../i18n/index.js';

export default function NotFoundPage() {
  const { t } = useI18n();
  return <Result status="404" title={t('common.notFound')} subTitle={t('common.notFoundHint')} extra={<Link to="/">{t('nav.desk')}</Link>} />;
}
