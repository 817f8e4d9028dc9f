import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import type { LedgerField } from '../../../api/types.js';
import { useLocalised } from '../../ledgers/queries.js';

/** Props Form.Item injects into its control (value, onChange, id …), passed on to the input. */
type Injected = Record<string, unknown>;

/** The input for one extra field of a ledger type, by its kind. */
export function FieldInput({ field, ...rest }: { field: LedgerField } & Injected) {
  const localised = useLocalised();
  switch (field.kind) {
    case 'enum':
      return <Select {...rest} allowClear options={(field.options ?? []).map((o) => ({ value: o.value, label: localised(o.label) }))} />;
    case 'date':
      return <DatePicker {...rest} style={{ width: '100%' }} />;
    case 'number':
    case 'integer':
      return <InputNumber {...rest} style={{ width: '100%' }} precision={field.kind === 'integer' ? 0 : undefined} />;
    case 'boolean':
      return <Switch {...rest} />;
    default:
      return <Input.TextArea {...rest} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={20_000} />;
  }
}

/** Fields a form can fill (tables and evidence refs are not typed by hand here). */
export const formFields = (fields: readonly LedgerField[]) => fields.filter((f) => !['table', 'evidence'].includes(f.kind));
