/** Flagged orders (#/risk): highest score first, by level and status, in keyset pages. */
import { useId } from 'react';
import type { RiskRow } from '../../../../shared/api/console.js';
import { RISK_FLAG_STATUSES, type RiskFlagStatus } from '../../../../shared/escrow/risk.js';
import { useApi } from '../../api/client.js';
import { useKeysetPages } from '../../components/useKeysetPages.js';
import { Badge, Button, DateTime, ErrorBanner, Money } from '../../components/ui.js';
import { VirtualList, type Column } from '../../components/VirtualList.js';
import { useT } from '../../i18n/i18n.js';
import { href, navigate } from '../../router.js';
import { levelLabel, levelTone, ruleLabel } from './hooks.js';
import { messages } from './messages.js';

const PAGE = 100;

export interface RiskFilters {
  level: '' | 'elevated' | 'highest';
  status: 'unreviewed' | RiskFlagStatus;
}

export const DEFAULT_RISK_FILTERS: RiskFilters = { level: '', status: 'unreviewed' };

/** A cell that may be cut short by its column keeps the whole text in its tooltip. */
function Clipped({ text }: { text: string }) {
  return <span title={text}>{text}</span>;
}

export function RiskQueue({ filters, onFilters }: { filters: RiskFilters; onFilters(f: RiskFilters): void }) {
  const t = useT(messages);
  const api = useApi();
  const levelId = useId();
  const statusId = useId();
  const query = { status: filters.status, ...(filters.level ? { level: filters.level } : {}) };
  const queue = useKeysetPages(JSON.stringify(query), (after) => api.call('risk.queue', { ...query, limit: PAGE, ...(after ? { after } : {}) }), (r: RiskRow) => r.orderId);

  const columns: Column<RiskRow>[] = [
    {
      key: 'order',
      header: t('colOrder'),
      // Wide enough for a whole order id: an officer reads and quotes it.
      width: 'minmax(140px, 1.2fr)',
      render: (r) => (
        <span data-testid="risk-row" data-order-id={r.orderId} data-level={r.level} data-status={r.status}>
          <a href={href('risk', r.orderId)} tabIndex={-1} title={r.orderId}>
            {r.orderId}
          </a>
        </span>
      ),
    },
    { key: 'score', header: t('colScore'), width: '56px', render: (r) => <strong className="num">{r.score}</strong> },
    { key: 'level', header: t('colLevel'), width: '90px', render: (r) => <Badge tone={levelTone(r.level)}>{levelLabel(r.level, t)}</Badge> },
    {
      key: 'status',
      header: t('colStatus'),
      width: 'minmax(110px, 1fr)',
      render: (r) => (
        <span className="cell-badges">
          <Badge tone={r.status === 'fraud' ? 'danger' : r.status === 'cleared' ? 'success' : 'info'}>{t(`status_${r.status}`)}</Badge>
          {r.pendingSync > 0 && <Badge tone="warning">⏳ {t('pendingSyncCount', { count: r.pendingSync })}</Badge>}
        </span>
      ),
    },
    { key: 'amount', header: t('colAmount'), width: '120px', render: (r) => <Money amount={r.amount} currency={r.currency} /> },
    { key: 'rules', header: t('colRules'), width: 'minmax(120px, 2fr)', render: (r) => <Clipped text={r.rules.map((rule) => ruleLabel(rule, t)).join(', ')} /> },
    { key: 'buyer', header: t('colBuyer'), width: 'minmax(130px, 1fr)', render: (r) => <Clipped text={r.buyerId} /> },
    { key: 'merchant', header: t('colMerchant'), width: 'minmax(120px, 1fr)', render: (r) => <Clipped text={r.merchantId} /> },
    { key: 'flagged', header: t('colFlagged'), width: 'minmax(150px, 1fr)', render: (r) => <DateTime at={r.flaggedAt} /> },
  ];

  return (
    <div className="risk-queue">
      <p className="muted">{t('queueIntro')}</p>
      <div className="filters" role="group" aria-label={t('filters')}>
        <div className="field">
          <label htmlFor={levelId}>{t('filterLevel')}</label>
          <select id={levelId} value={filters.level} onChange={(e) => onFilters({ ...filters, level: e.target.value as RiskFilters['level'] })} data-testid="risk-filter-level">
            <option value="">{t('levelAll')}</option>
            <option value="highest">{t('level_highest')}</option>
            <option value="elevated">{t('level_elevated')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={statusId}>{t('filterStatus')}</label>
          <select id={statusId} value={filters.status} onChange={(e) => onFilters({ ...filters, status: e.target.value as RiskFilters['status'] })} data-testid="risk-filter-status">
            <option value="unreviewed">{t('status_unreviewed')}</option>
            {RISK_FLAG_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-buttons">
          <Button onClick={queue.reload} data-testid="risk-refresh">
            {t('refresh')}
          </Button>
        </div>
      </div>
      <ErrorBanner error={queue.error} />
      <p className="muted keyboard-help">{t('keyboardHelp')}</p>
      {queue.rows.length === 0 && !queue.loading ? (
        <p className="empty" data-testid="risk-empty">
          {t('empty')}
        </p>
      ) : (
        <div data-testid="risk-queue">
          <VirtualList label={t('queueLabel')} rows={queue.rows} columns={columns} rowKey={(r) => r.orderId} rowHeight={44} height={520} onOpen={(r) => navigate('risk', r.orderId)} onEndReached={queue.loadMore} />
        </div>
      )}
      <p className="muted queue-footer" aria-live="polite">
        {queue.loading ? t('loadingMore') : queue.next ? t('shownSoFar', { count: queue.rows.length }) : t('endOfQueue', { count: queue.rows.length })}
      </p>
    </div>
  );
}
