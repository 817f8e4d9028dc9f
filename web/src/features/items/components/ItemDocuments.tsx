import { App, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.js';
import type { OfficialDocument } from '../../../api/types.js';
import { ErrorAlert, useErrorText } from '../../../components/ErrorAlert.js';
import { cityDay } from '../../../i18n/dates.js';
import { useI18n, type MessageKey } from '../../../i18n/index.js';
import { useMe } from '../../session/queries.js';
import { itemKeys } from '../queries.js';

const KINDS = ['notice', 'urge', 'letter'] as const;
type Kind = (typeof KINDS)[number];

const documentsKey = (id: string) => [...itemKeys.all, 'documents', id] as const;

/**
 * 文书 of an item: the 督办通知单, 催办通知 and 督办函 issued for it (by a supervisor on demand, or by the
 * escalation ladder), numbered, each downloadable as Word or PDF by everyone who sees the item. A supervisor
 * issues one from here; it goes on the timeline too.
 */
export function ItemDocuments({ itemId }: { readonly itemId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe().data;
  const qc = useQueryClient();
  const docs = useQuery({
    queryKey: documentsKey(itemId),
    queryFn: async () => (await api<{ documents: OfficialDocument[] }>(`/items/${encodeURIComponent(itemId)}/documents`)).documents,
  });
  const issue = useMutation({
    mutationFn: (kind: Kind) => api<OfficialDocument>(`/items/${encodeURIComponent(itemId)}/documents`, { body: { kind } }),
    onSuccess: (d) => {
      void message.success(t('documents.issued', { number: d.number }));
      return Promise.all([qc.invalidateQueries({ queryKey: documentsKey(itemId) }), qc.invalidateQueries({ queryKey: itemKeys.detail(itemId) })]);
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const supervisor = me?.user.roles.includes('supervisor') ?? false;
  const file = (d: OfficialDocument, format: 'docx' | 'pdf') => `/api/v1/documents/${encodeURIComponent(d.id)}/file?format=${format}`;
  return (
    <Card
      size="small"
      title={t('documents.title')}
      extra={
        supervisor ? (
          <Space size={4} wrap>
            {KINDS.map((k) => (
              <Popconfirm
                key={k}
                title={t('documents.confirm', { kind: t(`documents.kind.${k}` as MessageKey) })}
                okText={t('documents.issue')}
                cancelText={t('common.cancel')}
                onConfirm={() => issue.mutate(k)}
              >
                <Button size="small" loading={issue.isPending && issue.variables === k} data-testid={`issue-${k}`}>
                  {t(`documents.kind.${k}` as MessageKey)}
                </Button>
              </Popconfirm>
            ))}
          </Space>
        ) : null
      }
    >
      {docs.isError ? <ErrorAlert error={docs.error} /> : null}
      <List<OfficialDocument>
        size="small"
        loading={docs.isPending}
        dataSource={docs.data ?? []}
        locale={{ emptyText: t('documents.none') }}
        renderItem={(d) => (
          <List.Item
            actions={[
              <Typography.Link key="w" href={file(d, 'docx')}>
                Word
              </Typography.Link>,
              <Typography.Link key="p" href={file(d, 'pdf')}>
                PDF
              </Typography.Link>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <Tag>{t(`documents.kind.${d.kind}` as MessageKey)}</Tag>
                  <span>{d.number}</span>
                </Space>
              }
              description={`${d.title} · ${cityDay(d.issuedAt ?? d.createdAt)}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
