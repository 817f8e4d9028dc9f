import { Badge, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LightTag } from '../components/Tags.js';
import { DESK_BOXES, SUPERVISOR_BOXES, deskCount, useDesk } from '../features/items/desk.js';
import { useUnitName } from '../features/ledgers/queries.js';
import { useOpenObjections } from '../features/items/objections.js';
import { cityDateTime } from '../i18n/dates.js';
import { isAdminOnly, useMe } from '../features/session/queries.js';
import { cityDay } from '../i18n/dates.js';
import { useI18n } from '../i18n/index.js';
import { deadlineLeft } from '../features/items/deadline-left.js';

const TONE = { red: '#cf1322', yellow: '#d48806', blue: '#1677ff', default: '#595959' } as const;

/** 工作台: what waits for me, with counts, lights and one click into each item. */
export default function DeskPage() {
  const { t, lang } = useI18n();
  const me = useMe().data;
  const unitName = useUnitName();
  const boxes = me?.can.createItems ? DESK_BOXES : DESK_BOXES.filter((b) => !SUPERVISOR_BOXES.has(b.key));
  const results = useDesk(me && !isAdminOnly(me) ? boxes : []);
  // Open 异议 block the 公示 stage: the supervisor sees them first (the list names items only, no texts).
  const objections = useOpenObjections(Boolean(me?.user.roles.includes('supervisor')));
  const today = cityDay(new Date().toISOString());
  // "超期 6 天" / "还剩 2 天" beside the date of running work: how urgent, without counting on a calendar.
  const dueText = (deadline: string, status: string) => {
    if (!['assigned', 'in_progress', 'closing'].includes(status)) return '';
    const left = deadlineLeft(deadline, today);
    if (!left) return '';
    return left.kind === 'today' ? t('desk.dueToday') : left.kind === 'overdue' ? t('desk.overdueDays', { n: left.days }) : t('desk.daysLeft', { n: left.days });
  };
  if (me && isAdminOnly(me)) return <Typography.Paragraph>{t('desk.adminHint')}</Typography.Paragraph>;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('desk.greeting', { name: me?.user.displayName ?? '' })}
      </Typography.Title>
      {objections.data && objections.data.length > 0 ? (
        <Card
          size="small"
          data-testid="desk-objections"
          title={
            <span>
              {t('desk.objections')} <Badge count={objections.data.length} color={TONE.red} />
            </span>
          }
          style={{ marginBottom: 16 }}
        >
          <List
            size="small"
            dataSource={objections.data}
            renderItem={(o) => (
              <List.Item>
                <List.Item.Meta
                  title={<Link to={`/items/${encodeURIComponent(o.itemId)}`}>{o.title}</Link>}
                  description={`${o.number} · ${t('desk.objectionCount', { n: o.open, at: cityDateTime(o.oldestFiledAt, lang) })}`}
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <Row gutter={[16, 16]}>
        {boxes.map((b, i) => {
          const r = results[i];
          const count = deskCount(r?.data);
          return (
            <Col key={b.key} xs={24} md={12} xl={8}>
              <Card
                size="small"
                data-testid={`desk-${b.key}`}
                title={
                  <span>
                    {t(b.title)}{' '}
                    <Badge
                      count={count ? (count.more ? t('common.atLeast', { n: count.n }) : count.n) : '…'}
                      showZero
                      color={TONE[b.tone]}
                      aria-label={count ? `${t(b.title)} ${count.n}${count.more ? '+' : ''}` : t('common.loading')}
                    />
                  </span>
                }
                extra={<Link to={`/ledgers?${b.search}`}>{t('desk.viewAll')}</Link>}
              >
                {r?.isError ? <ErrorAlert error={r.error} onRetry={() => void r.refetch()} /> : null}
                <List
                  size="small"
                  loading={r?.isPending}
                  locale={{ emptyText: t('desk.nothing') }}
                  dataSource={(r?.data?.items ?? []).slice(0, 5)}
                  renderItem={(item) => (
                    <List.Item
                      extra={
                        <Space size={4}>
                          {item.listing ? (
                            <Tag color="red" style={{ marginInlineEnd: 0 }}>
                              {t(`listing.${item.listing.level}`)}
                            </Tag>
                          ) : null}
                          <LightTag light={item.light} />
                        </Space>
                      }
                    >
                      <List.Item.Meta
                        title={<Link to={`/items/${encodeURIComponent(item.id)}`}>{item.title}</Link>}
                        description={
                          <>
                            {item.number} · {unitName(item.leadUnitId)}
                            {item.currentDeadline ? (
                              <>
                                {' · '}
                                <span style={{ whiteSpace: 'nowrap' }} data-testid="desk-deadline">
                                  {item.light.deadlineProvisional ? t('deadline.provisional', { deadline: item.currentDeadline }) : item.currentDeadline}{' '}
                                  {dueText(item.currentDeadline, item.status)}
                                </span>
                              </>
                            ) : null}
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
