import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  BarsOutlined,
  DesktopOutlined,
  FileTextOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SettingOutlined,
  TableOutlined,
  TranslationOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useLedgerTypes, useUnits } from '../features/ledgers/queries.js';
import { NotificationBell } from '../features/notifications/NotificationBell.js';
import { useLogout } from '../features/session/mutations.js';
import { useMe } from '../features/session/queries.js';
import { useI18n } from '../i18n/index.js';

const { Header, Sider, Content } = Layout;

/** The top-level section a path belongs to (the menu's selected key). */
export function sectionOf(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  if (first === 'items' || first === 'ledgers' || first === 'readouts') return 'ledgers';
  if (first === '' || first === 'desk') return 'desk';
  return first;
}

/**
 * Frame of every page after login: the navigation in users' words, who is logged in, language and logout. On a
 * phone the menu is a drawer under the header (whose button opens it) over a backdrop: a tap on the backdrop,
 * Escape or going anywhere closes it; language and logout keep their words there too.
 */
export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const me = useMe().data;
  const navigate = useNavigate();
  const location = useLocation();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  // Every business page names units and ledger types: fetch them while the page's own code loads.
  useUnits(Boolean(me?.can.readItems));
  useLedgerTypes();
  const open = narrow && !collapsed;
  // Going anywhere (a menu entry, a link, back) closes the phone's drawer.
  useEffect(() => {
    if (narrow) setCollapsed(true);
  }, [location.pathname, narrow]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setCollapsed(true);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!me) return null;
  const can = me.can;
  const items = [
    can.readItems && { key: 'desk', icon: <DesktopOutlined />, label: t('nav.desk'), path: '/' },
    can.readItems && { key: 'ledgers', icon: <TableOutlined />, label: t('nav.ledgers'), path: '/ledgers' },
    can.readStats && { key: 'stats', icon: <BarChartOutlined />, label: t('nav.stats'), path: '/stats' },
    can.readItems && { key: 'inspection', icon: <SafetyOutlined />, label: t('nav.inspection'), path: '/inspection' },
    me.user.roles.some((r) => r === 'supervisor' || r === 'leader') && { key: 'bulletins', icon: <FileTextOutlined />, label: t('nav.bulletins'), path: '/bulletins' },
    can.readItems && { key: 'signals', icon: <AlertOutlined />, label: t('nav.signals'), path: '/signals' },
    (can.administerUnitsAndUsers || can.administerRoles) && { key: 'admin', icon: <SettingOutlined />, label: t('nav.admin'), path: '/admin' },
    can.readAudit && { key: 'audit', icon: <AuditOutlined />, label: t('nav.audit'), path: '/audit' },
  ].filter((x): x is { key: string; icon: React.JSX.Element; label: string; path: string } => Boolean(x));
  const go = (key: string) => {
    const hit = items.find((i) => i.key === key);
    if (hit) void navigate(hit.path);
    if (narrow) setCollapsed(true);
  };
  const logoutNow = () => logout.mutate(undefined, { onSettled: () => navigate('/login?reason=logout', { replace: true }) });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        trigger={narrow ? null : undefined}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        width={200}
        theme="dark"
        id="app-nav"
        className={narrow ? 'nav-drawer' : undefined}
        hidden={narrow && collapsed}
      >
        <div style={{ color: '#fff', padding: '16px 20px', fontSize: 20, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed && !narrow ? '落' : t('app.name')}
        </div>
        <nav aria-label={t('nav.menu')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[sectionOf(location.pathname)]}
            items={items.map(({ key, icon, label }) => ({ key, icon, label }))}
            onClick={(e) => go(e.key)}
          />
        </nav>
      </Sider>
      {open ? <div className="nav-backdrop" data-testid="nav-backdrop" aria-hidden onClick={() => setCollapsed(true)} /> : null}
      <Layout>
        <Header
          className={narrow ? 'app-header narrow' : 'app-header'}
          style={{
            background: '#fff',
            padding: narrow ? '0 8px' : '0 16px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {narrow ? (
            <Button
              type="text"
              icon={<BarsOutlined />}
              aria-label={t('nav.menu')}
              aria-expanded={open}
              aria-controls="app-nav"
              data-testid="nav-toggle"
              onClick={() => setCollapsed(!collapsed)}
            />
          ) : (
            /* CSS ellipsis: antd's ellipsis measures the layout on every render of the frame. */
            <span className="cell-ellipsis" style={{ maxWidth: '45vw', fontWeight: 600 }} title={t('app.tagline')}>
              {t('app.tagline')}
            </span>
          )}
          <Space size={narrow ? 0 : 'small'} wrap={false}>
            <NotificationBell enabled={can.readItems} />
            <span
              style={{
                display: 'inline-block',
                maxWidth: narrow ? 64 : 260,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
                verticalAlign: 'middle',
                lineHeight: 1.5,
              }}
              data-testid="current-user"
              title={me.user.displayName}
            >
              {me.user.displayName}
            </span>
            {/* Whoever passes 审签 or 销号 signs with a key of their own: enrolled on its page, one click from here. */}
            <Button
              type="text"
              icon={<SafetyCertificateOutlined />}
              aria-label={t('nav.signingKey')}
              title={t('nav.signingKey')}
              data-testid="signing-key-link"
              onClick={() => void navigate('/signing-key')}
            >
              {narrow ? null : t('nav.signingKey')}
            </Button>
            {/* On a phone the words stay (the language's own name, 退出登录) and the icons go, to fit 390 px. */}
            <Button
              type="text"
              size={narrow ? 'small' : 'middle'}
              icon={narrow ? null : <TranslationOutlined />}
              aria-label={`${t('nav.languageLabel')} ${t('nav.language')}`}
              title={t('nav.languageLabel')}
              data-testid="language-switch"
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            >
              {t('nav.language')}
            </Button>
            <Button type="text" size={narrow ? 'small' : 'middle'} icon={narrow ? null : <LogoutOutlined />} title={t('nav.logout')} data-testid="logout" onClick={logoutNow}>
              {t('nav.logout')}
            </Button>
          </Space>
        </Header>
        <Content id="main" tabIndex={-1} style={{ margin: narrow ? 8 : 16, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
