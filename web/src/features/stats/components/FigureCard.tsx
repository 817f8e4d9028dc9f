import { Card, Statistic, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { Figure } from '../../../api/types.js';
import { drillHref, drillQuery, pct } from '../queries.js';

/** One figure; the number is a link to the items behind it (the numerator; the denominator below it). */
export function FigureCard({ figure, title, testId, suffix }: { figure: Figure | undefined; title: string; testId: string; suffix?: string }) {
  const navigate = useNavigate();
  if (!figure) return null;
  const value = figure.kind === 'rate' ? pct(figure.value) : figure.kind === 'mean' ? (figure.value === null ? '—' : figure.value.toFixed(1)) : String(figure.value ?? 0);
  const open = (link: string) => navigate(`/stats/items?${drillQuery(link)}`);
  return (
    <Card size="small">
      <button type="button" className="figure-link" onClick={() => open(figure.items)} data-testid={testId} aria-label={`${title} ${value}`}>
        <Statistic title={title} value={value} suffix={suffix} />
      </button>
      {figure.kind === 'rate' ? (
        <Typography.Text type="secondary">
          <Link to={drillHref(figure.items)}>{figure.numerator}</Link>
          {' / '}
          <Link to={drillHref(figure.denominatorItems)}>{figure.denominator}</Link>
        </Typography.Text>
      ) : null}
    </Card>
  );
}
