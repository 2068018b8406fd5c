/** How many disputes are in each status (and overdue); choosing one filters the queue. */
import { DISPUTE_STATUSES } from '../../../../shared/escrow/dispute.js';
import type { Output } from '../../api/client.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import type { Filters } from './filters.js';
import { messages } from './messages.js';

interface Props {
  counts: Output<'disputes.counts'> | null;
  filters: Filters;
  onPick(patch: Pick<Filters, 'status' | 'overdue'>): void;
}

export function StatusCounts({ counts, filters, onPick }: Props) {
  const t = useT(messages);
  const { language } = useLanguage();
  const n = (value: number | undefined) => format.count(value ?? 0, language);
  const item = (key: string, label: string, value: number | undefined, active: boolean, patch: Pick<Filters, 'status' | 'overdue'>, tone = '') => (
    <li key={key}>
      <button type="button" className={`count-chip ${tone} ${active ? 'active' : ''}`} aria-pressed={active} onClick={() => onPick(patch)} data-testid={`dispute-count-${key}`}>
        <span className="count-value">{n(value)}</span> <span className="count-label">{label}</span>
      </button>
    </li>
  );
  return (
    <nav aria-label={t('countsLabel')}>
      <ul className="count-chips" data-testid="dispute-counts">
        {item('open', t('countOpen'), counts?.open, filters.status === 'open' && filters.overdue === '', { status: 'open', overdue: '' })}
        {item('overdue', t('countOverdue'), counts?.overdue, filters.status === 'open' && filters.overdue === 'yes', { status: 'open', overdue: 'yes' }, 'count-danger')}
        {/* The API's status 'open' means every open status, so the single status 'open' is a count only. */}
        <li key="status-open">
          <span className="count-chip count-static" data-testid="dispute-count-status-open" title={t('countStatic')}>
            <span className="count-value">{n(counts?.byStatus.open)}</span> <span className="count-label">{t('status_open')}</span>
          </span>
        </li>
        {DISPUTE_STATUSES.filter((s) => s !== 'open').map((s) => item(s, t(`status_${s}`), counts?.byStatus[s], filters.status === s, { status: s, overdue: '' }))}
      </ul>
    </nav>
  );
}
