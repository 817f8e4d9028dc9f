import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { LedgerField } from '../../../api/types.js';
import { useLocalised } from '../../ledgers/queries.js';

/** The input for one extra field of a ledger type, by its kind. */
export function FieldInput({ field, id }: { field: LedgerField; id?: string }) {
  const localised = useLocalised();
  switch (field.kind) {
    case 'enum':
      return <Select id={id} allowClear options={(field.options ?? []).map((o) => ({ value: o.value, label: localised(o.label) }))} />;
    case 'date':
      return <DatePicker id={id} style={{ width: '100%' }} />;
    case 'number':
    case 'integer':
      return <InputNumber id={id} style={{ width: '100%' }} precision={field.kind === 'integer' ? 0 : undefined} />;
    case 'boolean':
      return <Switch id={id} />;
    default:
      return <Input.TextArea id={id} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={20_000} />;
  }
}

/** Fields a form can fill (tables and evidence refs are not typed by hand here). */
export const formFields = (fields: readonly LedgerField[]) => fields.filter((f) => !['table', 'evidence'].includes(f.kind));
