import { Alert, Button } from 'antd';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/index.js';

/** The text of an error in the user's language: the server's own (it honours Accept-Language) or ours. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiError) return error.code === 'network_error' ? t('common.offline') : error.title;
    return error instanceof Error ? error.message : String(error);
  };
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText()(error);
  const id = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={text}
      description={id ? `${t('common.requestId')}: ${id}` : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ margin: '12px 0' }}
    />
  );
}
