import { Alert, Form } from 'antd';
import { useI18n } from '../../../i18n/index.js';
import { useUnits } from '../../ledgers/queries.js';

/**
 * Under a lead-unit picker: warns, before anything is confirmed, that the unit chosen has no active handler — work
 * handed there would sit unseen until it turned red. Reads the form's `leadUnitId`; says nothing while it is empty
 * or the unit list does not say (an older server).
 */
export function UnstaffedWarning() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const unitId = Form.useWatch('leadUnitId', form) as string | undefined;
  const units = useUnits();
  const unit = unitId ? units.data?.find((u) => u.id === unitId) : undefined;
  if (!unit || unit.staffed !== false) return null;
  return <Alert type="warning" showIcon message={t('form.unstaffed', { unit: unit.name })} style={{ marginBottom: 16 }} data-testid="unstaffed-warning" />;
}
