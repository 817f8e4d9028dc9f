import { App, Button, Card, Checkbox, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { UserView } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/index.js';
import { useNa } from '../../i18n/notify-admin.js';
import { useUsers } from '../admin/queries.js';
import { useUnitName } from '../ledgers/queries.js';
import { CONTACT_FIELDS, contactsBody, type ContactsForm } from './contacts.js';
import { useContactKinds, useNotifyAdminMutations } from './queries.js';

/** People's contacts: which are set (never the addresses, which are personal data), and a form to set or remove them. */
export function Contacts() {
  const { t } = useI18n();
  const na = useNa();
  const users = useUsers(true);
  const kinds = useContactKinds();
  const unitName = useUnitName();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<UserView | null>(null);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const all = users.data ?? [];
    return q ? all.filter((u) => u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q) || unitName(u.unitId).toLowerCase().includes(q)) : all;
  }, [users.data, query, unitName]);
  return (
    <Card
      size="small"
      title={na('contacts')}
      extra={<Input.Search allowClear placeholder={t('admin.searchUsers')} onChange={(e) => setQuery(e.target.value)} style={{ maxWidth: 280 }} />}
    >
      {users.isError ? <ErrorAlert error={users.error} /> : null}
      {kinds.isError ? <ErrorAlert error={kinds.error} /> : null}
      <Table<UserView>
        rowKey="id"
        size="small"
        loading={users.isPending || kinds.isPending}
        dataSource={shown}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        scroll={{ x: 700 }}
        columns={[
          { key: 'n', title: t('admin.displayName'), dataIndex: 'displayName' },
          { key: 'unit', title: t('admin.unit'), dataIndex: 'unitId', render: (v: string) => unitName(v) },
          {
            key: 'k',
            title: na('contactsSet'),
            render: (_, u) => {
              const set = kinds.data?.[u.id] ?? [];
              return set.length === 0 ? na('noContacts') : CONTACT_FIELDS.filter((f) => set.includes(f)).map((f) => <Tag key={f}>{na(`contact.${f}`)}</Tag>);
            },
          },
          {
            key: 'a',
            title: '',
            render: (_, u) => (
              <Button type="link" size="small" data-testid={`contacts-${u.username}`} onClick={() => setEditing(u)}>
                {na('editContacts')}
              </Button>
            ),
          },
        ]}
      />
      {editing ? <EditContacts user={editing} has={kinds.data?.[editing.id] ?? []} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function EditContacts({ user, has, onClose }: { readonly user: UserView; readonly has: readonly string[]; readonly onClose: () => void }) {
  const { t } = useI18n();
  const na = useNa();
  const { message } = App.useApp();
  const m = useNotifyAdminMutations();
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (v: ContactsForm) => {
    const r = contactsBody(v);
    if (!r.ok) return setProblem(r.empty ? na('contactsNothing') : r.invalid.map((f) => na(`contactInvalid.${f}`)).join('；'));
    setProblem(null);
    m.setContacts.mutate(
      { id: user.id, body: r.body },
      {
        onSuccess: () => {
          void message.success(t('admin.saved'));
          onClose();
        },
      },
    );
  };
  const removable = CONTACT_FIELDS.filter((f) => has.includes(f));
  return (
    <Modal open title={`${na('editContacts')} · ${user.displayName}`} footer={null} onCancel={onClose} destroyOnHidden>
      <Form layout="vertical" onFinish={submit} onValuesChange={() => setProblem(null)}>
        {CONTACT_FIELDS.map((f) => (
          <Form.Item key={f} name={f} label={na(`contact.${f}`)} extra={has.includes(f) ? na('contactKept') : undefined}>
            <Input autoComplete="off" />
          </Form.Item>
        ))}
        {removable.length > 0 ? (
          <Form.Item name="remove" label={na('removeContacts')}>
            <Checkbox.Group options={removable.map((f) => ({ value: f, label: na(`contact.${f}`) }))} />
          </Form.Item>
        ) : null}
        {problem ? <ErrorAlert error={new Error(problem)} /> : null}
        {m.setContacts.isError ? <ErrorAlert error={m.setContacts.error} /> : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={m.setContacts.isPending}>
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
