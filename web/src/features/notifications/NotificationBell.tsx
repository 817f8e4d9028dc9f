import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationView } from '../../../../src/contracts/http/notify.js';
import { cityDateTime } from '../../i18n/dates.js';
import { useI18n } from '../../i18n/index.js';
import { itemPath } from '../items/components/item-cells.js';
import { useMarkRead, useNotifications } from './queries.js';

// The preferences form (antd Form, Checkbox, Switch) loads when first opened, not with every page.
const PreferencesModal = lazy(() => import('./PreferencesModal.js').then((m) => ({ default: m.PreferencesModal })));

/**
 * The notification centre in the header: a bell with the unread count; open, it lists the latest notifications
 * (unread ones bold, urgent ones tagged), each leading to its item and marked read on the way, and can mark all read.
 */
export function NotificationBell({ enabled }: { readonly enabled: boolean }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [settings, setSettings] = useState(false);
  const list = useNotifications(enabled);
  const markRead = useMarkRead();
  if (!enabled) return null;
  const unread = list.data?.unread ?? 0;
  const entries = list.data?.notifications ?? [];
  const follow = (n: NotificationView) => {
    if (n.readAt === null) markRead.mutate([n.id]);
    setOpen(false);
    // A round's notice is about no item: it opens the rounds.
    if (n.itemId) void navigate(itemPath(n.itemId));
    else if (n.rule === 'inspection_round_due') void navigate('/inspection');
  };
  const content = (
    <div style={{ width: 360, maxWidth: '80vw' }} data-testid="notification-list">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <List
          size="small"
          dataSource={entries}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => follow(n)} aria-label={n.subject}>
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                <Space size={4}>
                  {n.urgency === 'urgent' ? <Tag color="red">{t('notify.urgent')}</Tag> : null}
                  <Typography.Text strong={n.readAt === null}>{n.subject}</Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {cityDateTime(n.createdAt, lang)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <>
      {settings ? (
        <Suspense fallback={null}>
          <PreferencesModal open onClose={() => setSettings(false)} />
        </Suspense>
      ) : null}
      <Popover
        trigger="click"
        open={open}
        onOpenChange={setOpen}
        placement="bottomRight"
        title={
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <span>{t('notify.title')}</span>
            <Space size={0}>
              <Button size="small" type="link" disabled={unread === 0} onClick={() => markRead.mutate(null)}>
                {t('notify.markAll')}
              </Button>
              <Button
                size="small"
                type="link"
                onClick={() => {
                  setOpen(false);
                  setSettings(true);
                }}
              >
                {t('notify.settings')}
              </Button>
            </Space>
          </Space>
        }
        content={content}
      >
        <Button type="text" aria-label={t('notify.bell', { n: unread })} data-testid="notification-bell">
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Popover>
    </>
  );
}
