import { Spin, Typography } from 'antd';
import { Link } from 'react-router';
import type { ItemView } from '../../../api/types.js';
import { LightTag, StatusTag } from '../../../components/Tags.js';
import { useI18n } from '../../../i18n/index.js';
import { useUnitName } from '../../ledgers/queries.js';
import { deadlineText, itemPath, ProgressBar } from './item-cells.js';

export interface ItemCardsProps {
  readonly items: readonly ItemView[];
  readonly loading?: boolean;
  readonly caption?: string;
}

/**
 * Items as cards for phone widths, where a wide table only scrolls inside itself: the light, number, title, state,
 * lead unit, deadline and progress a handler looks for, and the whole card opens the item page (the title link is
 * stretched over it by `.item-card-link`, so a thumb need not hit the text). Plain elements rather than antd
 * List/Card: a page of 200 cards stays light, and the ledger page's first chunk gains nothing heavy.
 */
export function ItemCards({ items, loading = false, caption }: ItemCardsProps) {
  const { t } = useI18n();
  const unitName = useUnitName();
  return (
    <Spin spinning={loading}>
      {caption ? (
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
          {caption}
        </Typography.Text>
      ) : null}
      {items.length === 0 ? (
        <div className="item-cards-empty">{t('common.empty')}</div>
      ) : (
        <ul className="item-cards" aria-label={caption ?? t('ledger.title')} aria-busy={loading}>
          {items.map((r) => {
            const deadline = deadlineText(r, t);
            return (
              <li key={r.id} className="item-card" data-testid="item-card">
                <div className="item-card-row">
                  <LightTag light={r.light} plain />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.number}
                  </Typography.Text>
                </div>
                <Link className="item-card-link" to={itemPath(r.id)}>
                  {r.title}
                </Link>
                <div className="item-card-row">
                  <StatusTag status={r.status} />
                  <span>{unitName(r.leadUnitId)}</span>
                </div>
                <div className="item-card-row">
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <Typography.Text type="secondary">{t('col.deadline')} </Typography.Text>
                    <span data-testid="item-card-deadline">{deadline || '—'}</span>
                  </span>
                  <span style={{ flex: '0 1 140px' }}>
                    <ProgressBar value={r.progress} label={t('col.progress')} />
                  </span>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Spin>
  );
}
