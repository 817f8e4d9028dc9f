import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Tree, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { UserView } from '../api/types.js';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.js';
import { isPendingRequest, unitTree, useAccountRequests, useAdminMutations, useUsers } from '../features/admin/queries.js';
import { useLedgerTypes, useLocalised, useUnitName, useUnitOptions, useUnits } from '../features/ledgers/queries.js';
import { useMe } from '../features/session/queries.js';
import { useI18n, type MessageKey } from '../i18n/index.js';

/** The settings editor loads only when the system admin opens its tab. */
const LedgerTypeSettings = lazy(() => import('../features/admin/LedgerTypeSettings.js'));
const AccountRequests = lazy(() => import('../features/admin/AccountRequests.js'));
/** Notification channels, delivery log and contacts: the system admin's alone, loaded when its tab is opened. */
const NotifyAdmin = lazy(() => import('../features/notify-admin/NotifyAdmin.js'));
const SigningKeysAdmin = lazy(() => import('../features/admin/SigningKeysAdmin.js'));
/** 工作日历: loading a year's holiday notice is the system admin's, like units. */
const CalendarAdmin = lazy(() => import('../features/calendar/CalendarAdmin.js'));

const ROLES = ['supervisor', 'handler', 'leader', 'auditor', 'system_admin', 'security_admin'] as const;
const UNIT_KINDS = ['city', 'district', 'street', 'community', 'department'] as const;

/** 管理: units tree, users and roles (三权分立: the system admin adds accounts, the security admin grants roles), ledger types. */
export default function AdminPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const errorText = useErrorText();
  const units = useUnits();
  const unitName = useUnitName();
  const unitOptions = useUnitOptions();
  const types = useLedgerTypes();
  const localised = useLocalised();
  const canUsers = Boolean(me?.can.administerUnitsAndUsers || me?.can.administerRoles);
  const users = useUsers(canUsers);
  const m = useAdminMutations();
  const [adding, setAdding] = useState<'user' | 'unit' | null>(null);
  const [roleEdit, setRoleEdit] = useState<UserView | null>(null);
  const [passwordFor, setPasswordFor] = useState<UserView | null>(null);
  const [userQuery, setUserQuery] = useState('');
  const requests = useAccountRequests(canUsers);
  const waiting = (requests.data ?? []).length;
  const tree = useMemo(() => unitTree(units.data ?? []), [units.data]);
  // A city has hundreds of accounts: find one by login name, name or unit as typed.
  const shownUsers = useMemo(() => {
    const q = userQuery.trim().toLowerCase();
    const all = users.data ?? [];
    return q ? all.filter((u) => u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q) || unitName(u.unitId).toLowerCase().includes(q)) : all;
  }, [users.data, userQuery, unitName]);
  if (me && !canUsers) return <Typography.Paragraph>{t('common.forbidden')}</Typography.Paragraph>;
  const fail = (e: unknown) => void message.error(errorText(e));
  const ok = () => void message.success(t('admin.saved'));
  // A change that needs the other admin answers with the request it filed: say so instead of 已保存.
  const done = (answer: unknown) => void message.success(t(isPendingRequest(answer) ? 'admin.submitted' : 'admin.saved'));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('admin.title')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'users',
            label: t('admin.users'),
            children: (
              <Card
                size="small"
                title={
                  <Input.Search
                    allowClear
                    data-testid="user-search"
                    placeholder={t('admin.searchUsers')}
                    onChange={(e) => setUserQuery(e.target.value)}
                    style={{ maxWidth: 320 }}
                  />
                }
                extra={
                  me?.can.administerUnitsAndUsers ? (
                    <Button type="primary" onClick={() => setAdding('user')}>
                      {t('admin.addUser')}
                    </Button>
                  ) : null
                }
              >
                {users.isError ? <ErrorAlert error={users.error} /> : null}
                <Table<UserView>
                  rowKey="id"
                  size="small"
                  loading={users.isPending}
                  dataSource={shownUsers}
                  pagination={{ showSizeChanger: true, showTotal: (n) => t('admin.userCount', { n }) }}
                  scroll={{ x: 800 }}
                  columns={[
                    { key: 'u', title: t('login.username'), dataIndex: 'username' },
                    { key: 'n', title: t('admin.displayName'), dataIndex: 'displayName' },
                    { key: 'unit', title: t('admin.unit'), dataIndex: 'unitId', render: (v: string) => unitName(v) },
                    {
                      key: 'r',
                      title: t('admin.roles'),
                      dataIndex: 'roles',
                      render: (v: string[], r) => (
                        <>
                          {v.map((x) => (
                            <Tag key={x}>{t(`role.${x}` as MessageKey)}</Tag>
                          ))}
                          {v.length === 0 ? <Tag color="orange">{t('admin.awaitingRoles')}</Tag> : null}
                          {r.disabled ? <Tag color="red">{t('admin.disabled')}</Tag> : null}
                        </>
                      ),
                    },
                    {
                      key: 'a',
                      title: '',
                      render: (_, r) => (
                        <Space size="small" wrap>
                          {me?.can.administerRoles ? (
                            <Button type="link" size="small" onClick={() => setRoleEdit(r)}>
                              {t('admin.setRoles')}
                            </Button>
                          ) : null}
                          {me?.can.administerRoles && r.id !== me.user.id ? (
                            <Button type="link" size="small" onClick={() => m.resetTotp.mutate(r.id, { onSuccess: done, onError: fail })}>
                              {t('admin.resetTotp')}
                            </Button>
                          ) : null}
                          {me?.can.administerUnitsAndUsers && r.id !== me.user.id ? (
                            <Button type="link" size="small" data-testid={`reset-password-${r.username}`} onClick={() => setPasswordFor(r)}>
                              {t('admin.resetPassword')}
                            </Button>
                          ) : null}
                          {me?.can.administerUnitsAndUsers && r.id !== me.user.id ? (
                            <Button type="link" size="small" onClick={() => m.setDisabled.mutate({ id: r.id, disabled: !r.disabled }, { onSuccess: done, onError: fail })}>
                              {r.disabled ? t('admin.enable') : t('admin.disable')}
                            </Button>
                          ) : null}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'requests',
            label: (
              <Space size={4}>
                {t('admin.requests')}
                {waiting > 0 ? (
                  <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                    {waiting}
                  </Tag>
                ) : null}
              </Space>
            ),
            children: (
              <Suspense fallback={<Card loading size="small" />}>
                <AccountRequests users={users.data ?? []} />
              </Suspense>
            ),
          },
          ...(me?.can.administerUnitsAndUsers
            ? [
                {
                  key: 'notify',
                  label: t('admin.notifications'),
                  children: (
                    <Suspense fallback={<Card loading size="small" />}>
                      <NotifyAdmin />
                    </Suspense>
                  ),
                },
                {
                  key: 'calendar',
                  label: t('admin.calendar'),
                  children: (
                    <Suspense fallback={<Card loading size="small" />}>
                      <CalendarAdmin />
                    </Suspense>
                  ),
                },
              ]
            : []),
          // Signing keys are the security admin's: they register a person's key and revoke it.
          ...(me?.can.administerRoles
            ? [
                {
                  key: 'signingKeys',
                  label: t('admin.signingKeys'),
                  children: (
                    <Suspense fallback={<Card loading size="small" />}>
                      <SigningKeysAdmin />
                    </Suspense>
                  ),
                },
              ]
            : []),
          {
            key: 'units',
            label: t('admin.units'),
            children: (
              <Card size="small" extra={me?.can.administerUnitsAndUsers ? <Button onClick={() => setAdding('unit')}>{t('admin.addUnit')}</Button> : null}>
                {units.isError ? <ErrorAlert error={units.error} /> : null}
                {tree.length > 0 ? <Tree treeData={tree} defaultExpandedKeys={tree.map((n) => n.key)} showLine /> : null}
              </Card>
            ),
          },
          {
            key: 'types',
            label: t('admin.ledgerTypes'),
            children: me?.can.administerUnitsAndUsers ? (
              <Suspense fallback={<Card loading size="small" />}>
                <LedgerTypeSettings />
              </Suspense>
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Alert type="info" showIcon message={t('admin.readOnlyTypes')} />
                {(types.data ?? []).map((x) => (
                  <Card key={x.key} size="small" title={`${localised(x.name)}（${x.numberPrefix}）`}>
                    <Descriptions
                      size="small"
                      column={1}
                      items={[
                        { key: 'f', label: t('admin.fields'), children: x.fields.map((f) => `${localised(f.label)}${f.required ? '*' : ''}`).join('、') },
                        { key: 's', label: t('admin.stages'), children: x.closureStages.map((s) => localised(s.name)).join(' → ') },
                        {
                          key: 'l',
                          label: t('admin.timeLimit'),
                          children: x.defaultTimeLimit ? t(x.defaultTimeLimit.unit === 'working_days' ? 'admin.workingDays' : 'admin.days', { n: x.defaultTimeLimit.amount }) : '—',
                        },
                        {
                          key: 'w',
                          label: t('admin.warnings'),
                          children: t('admin.warnDays', {
                            n: x.warningRules.warnWorkingDays,
                            a: x.warningRules.acceptWithinWorkingDays,
                            p: x.warningRules.progressLagPercent ?? '—',
                          }),
                        },
                      ]}
                    />
                  </Card>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={adding === 'user'} title={t('admin.addUser')} footer={null} onCancel={() => setAdding(null)} destroyOnHidden>
        <Form
          layout="vertical"
          onFinish={(v: { username: string; displayName: string; unitId: string; password: string }) =>
            m.addUser.mutate(v, {
              onSuccess: () => {
                ok();
                setAdding(null);
              },
              onError: fail,
            })
          }
        >
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="unitId" label={t('admin.unit')} rules={[{ required: true, message: t('form.required') }]}>
            <Select showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item name="password" label={t('admin.initialPassword')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('admin.rolesBySecurityAdmin')} />
          <Space>
            <Button type="primary" htmlType="submit" loading={m.addUser.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setAdding(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
      <Modal open={adding === 'unit'} title={t('admin.addUnit')} footer={null} onCancel={() => setAdding(null)} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ kind: 'department' }}
          onFinish={(v: { id: string; name: string; kind: (typeof UNIT_KINDS)[number]; parentId: string }) =>
            m.addUnit.mutate(
              { ...v, parentId: v.parentId ?? null, code: null },
              {
                onSuccess: () => {
                  ok();
                  setAdding(null);
                },
                onError: fail,
              },
            )
          }
        >
          <Form.Item name="id" label={t('admin.unitId')} rules={[{ required: true, pattern: /^[\w.:-]+$/, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label={t('admin.unitName')} rules={[{ required: true, message: t('form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label={t('admin.unitKind')}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="parentId" label={t('admin.parent')}>
            <Select showSearch allowClear optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={m.addUnit.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setAdding(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
      <Modal open={roleEdit !== null} title={`${t('admin.setRoles')} · ${roleEdit?.displayName ?? ''}`} footer={null} onCancel={() => setRoleEdit(null)} destroyOnHidden>
        <Form
          layout="vertical"
          initialValues={{ roles: roleEdit?.roles ?? [] }}
          onFinish={(v: { roles: string[] }) =>
            roleEdit &&
            m.setRoles.mutate(
              { id: roleEdit.id, roles: v.roles },
              {
                onSuccess: (a) => {
                  done(a);
                  setRoleEdit(null);
                },
                onError: fail,
              },
            )
          }
        >
          <Form.Item name="roles" label={t('admin.roles')}>
            <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={m.setRoles.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setRoleEdit(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
      <Modal
        open={passwordFor !== null}
        title={`${t('admin.resetPassword')} · ${passwordFor?.displayName ?? ''}`}
        footer={null}
        onCancel={() => setPasswordFor(null)}
        destroyOnHidden
      >
        <Form
          layout="vertical"
          onFinish={(v: { password: string }) =>
            passwordFor &&
            m.resetPassword.mutate(
              { id: passwordFor.id, password: v.password },
              {
                onSuccess: (a) => {
                  done(a);
                  setPasswordFor(null);
                },
                onError: fail,
              },
            )
          }
        >
          <Form.Item name="password" label={t('admin.oneTimePassword')} extra={t('admin.oneTimePasswordHelp')} rules={[{ required: true, message: t('form.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={m.resetPassword.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setPasswordFor(null)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
