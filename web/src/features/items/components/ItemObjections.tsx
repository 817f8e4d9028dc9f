import { Alert, App, Button, Card, Checkbox, Form, Input, List, Space, Tag, Typography } from 'antd';
import type { Objection } from '../../../api/types.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { cityDateTime } from '../../../i18n/dates.js';
import { useI18n } from '../../../i18n/index.js';
import { useHandleObjection, useItemObjections } from '../objections.js';

/** The reply form of one open objection: a reply (shown in public, masked), or the item reopened with it. */
function ReplyForm({ itemId, objection }: { itemId: string; objection: Objection }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const handle = useHandleObjection(itemId);
  return (
    <Form
      layout="vertical"
      name={`objection-${objection.objectionId}`}
      onFinish={(v: { reply: string; reopen?: boolean }) =>
        handle.mutate({ objectionId: objection.objectionId, reply: v.reply.trim(), reopen: v.reopen === true }, { onSuccess: () => void message.success(t('objection.done')) })
      }
    >
      <Form.Item name="reply" label={t('objection.reply')} extra={t('objection.replyHint')} rules={[{ required: true, whitespace: true, message: t('objection.replyRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="reopen" valuePropName="checked">
        <Checkbox>{t('objection.reopen')}</Checkbox>
      </Form.Item>
      {handle.isError ? <Alert type="error" showIcon role="alert" message={errorText(handle.error)} style={{ marginBottom: 8 }} /> : null}
      <Button type="primary" htmlType="submit" loading={handle.isPending}>
        {t('objection.submit')}
      </Button>
    </Form>
  );
}

/**
 * 公示异议 on the item page, for the supervisor: each objection with its contact; the open ones with a reply
 * form. Shown only when the item has objections (the list is personal data: the server logs the read).
 */
export function ItemObjections({ itemId, enabled }: { itemId: string; enabled: boolean }) {
  const { t, lang } = useI18n();
  const list = useItemObjections(itemId, enabled);
  if (!enabled || !list.data || list.data.length === 0) return null;
  return (
    <Card size="small" title={t('objection.title')} data-testid="objections">
      <List
        dataSource={list.data}
        renderItem={(o) => (
          <List.Item key={o.objectionId}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Space wrap>
                {o.handledAt ? <Tag color="green">{t('objection.handled', { at: cityDateTime(o.handledAt, lang) })}</Tag> : <Tag color="orange">{t('objection.open')}</Tag>}
                {o.reopened ? <Tag color="red">{t('objection.reopened')}</Tag> : null}
                <Typography.Text type="secondary">
                  {t('objection.filedAt')}：{cityDateTime(o.filedAt, lang)}
                </Typography.Text>
              </Space>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.text}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {t('objection.contact')}：{o.contact ?? t('objection.noContact')}
              </Typography.Text>
              {o.reply ? (
                <Typography.Text>
                  {t('objection.reply')}：{o.reply}
                </Typography.Text>
              ) : (
                <ReplyForm itemId={itemId} objection={o} />
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
