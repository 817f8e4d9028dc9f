import { expect, it } from 'vitest';
import { addUsers } from '../organisation.js';
import { createItem, performAction } from '../index.js';
import { setLedgerConfig } from '../ledger-types/config.js';
import { describeOnStores } from '../../store/testing/suite.js';
import { seedCity, testClock, testDeps } from '../testing/city.js';
import { notifyLog, setUserContacts } from './admin.js';
import { fanOutNotifications } from './fanout.js';

const installation = { mail: true, publicUrl: null };
const TITLE = '当事人张三反映宅基地纠纷，电话13812345678';

describeOnStores('notifications mask titles per ledger type', (t) => {
  it('masks a 调解 title by default in what it sends, leaves a directive in clear, and follows the setting', async () => {
    const deps = testDeps(t.store, testClock());
    const c = await seedCity(deps);
    await addUsers(deps, c.tenantId, [{ id: 'u-sys', username: 'sys', displayName: '系统管理员', unitId: 'city', roles: ['system_admin'] }]);
    await setUserContacts(deps, c.as('sys'), 'env', { email: 'env@example.gov.cn' });
    await fanOutNotifications(deps, c.tenantId, installation);
    const assign = async (ledgerType: string, fields: Record<string, unknown>) => {
      const { item } = await createItem(deps, c.as('sup'), { ledgerType, title: TITLE, fields });
      await performAction(deps, c.as('sup'), item.id, { type: 'AssignItem', data: { leadUnitId: 'env', deadline: '2026-06-30' } });
      await fanOutNotifications(deps, c.tenantId, installation);
      const [entry] = await t.store.read.notify.listInbox(c.tenantId, 'u-env');
      // The e-mail and the corp-app messages are composed from the same title as the in-app entry's subject.
      expect((await notifyLog(deps, c.as('sys'))).some((d) => d.itemId === item.id && d.channelKind === 'email')).toBe(true);
      return { subject: entry!.subject };
    };
    const dispute = { screeningDate: '2026-03-01', category: 'neighbourhood', riskLevel: 'yellow', parties: [{ name: '张某', gender: 'male' }] };
    const masked = await assign('dispute', dispute);
    expect(masked.subject).toContain('138****5678');
    expect(masked.subject).not.toContain('13812345678');
    expect(masked.subject).not.toContain('张三');
    const clear = await assign('directive', { category: 'other' });
    expect(clear.subject).toContain('13812345678');

    await setLedgerConfig(deps, c.as('sys'), { config: { overrides: { dispute: { maskNotifications: false } } }, expectedVersion: 0 });
    expect((await assign('dispute', dispute)).subject).toContain('张三反映宅基地纠纷，电话13812345678');
  });
});
