/**
 * The dispute queue: counts per status, filters, and the cases by deadline (overdue first) in
 * keyset pages loaded as the list scrolls. Keyboard triage: j/k or arrows move, Enter opens,
 * `a` assigns the case under the cursor to me, `x` selects it for bulk assignment.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DisputeRow } from '../../../../shared/api/console.js';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import { DISPUTE_REASONS, type DisputeReason } from '../../../../shared/escrow/order.js';
import { useApi, useCall } from '../../api/client.js';
import { DecisionError } from '../../components/case.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { Badge, Button, ErrorBanner, Money, PageHeader } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import { useKeysetPages } from '../../components/useKeysetPages.js';
import { VirtualList, type Column } from '../../components/VirtualList.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { href, navigate } from '../../router.js';
import { BulkBar } from './BulkBar.js';
import { toQuery, type Filters } from './filters.js';
import { useAgents } from './hooks.js';
import { useDecidedRows } from './useDecidedRows.js';
import { messages } from './messages.js';
import { QueueFilters } from './QueueFilters.js';
import { StatusCounts } from './StatusCounts.js';

const PAGE = 100;
/** With "awaiting approval only", pages are fetched until this many match (or the queue ends). */
const WANT_VISIBLE = 30;
const MAX_AUTO_PAGES = 40;

interface Props {
  staff: StaffIdentity;
  filters: Filters;
  onFilters(filters: Filters): void;
}

export function DisputeQueue({ staff, filters, onFilters }: Props) {
  const t = useT(messages);
  const { language } = useLanguage();
  const isAgent = staff.role === 'agent';
  const counts = useCall('disputes.counts', {});
  const { agents, loaded: directoryLoaded } = useAgents();
  const api = useApi();
  const { query } = toQuery(filters, t);
  const queryKey = JSON.stringify(query);
  const queue = useKeysetPages(queryKey, (after) => api.call('disputes.queue', { ...query, limit: PAGE, ...(after ? { after } : {}) }), (r: DisputeRow) => r.disputeId);
  const { decide, error: assignError } = useDecide('disputes.decide');
  const decided = useDecidedRows(queue, queryKey);
  const [notice, setNotice] = useState<string | null>(null);
  const [failedId, setFailedId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  // New events from the hub change the counts; the list keeps its place until refreshed.
  useOnSyncChange(counts.reload);

  useEffect(() => setSelected(new Set()), [filters]);

  const rows = useMemo(() => (filters.proposalsOnly ? queue.rows.filter((r) => r.hasProposal) : queue.rows), [queue.rows, filters.proposalsOnly]);
  const { next, loading, pages, loadMore } = queue;
  useEffect(() => {
    if (filters.proposalsOnly && rows.length < WANT_VISIBLE && next && !loading && pages < MAX_AUTO_PAGES) loadMore();
  }, [filters.proposalsOnly, rows.length, next, loading, pages, loadMore]);

  const assignToMe = useCallback(
    async (row: DisputeRow) => {
      if (!isAgent || row.assigneeId === staff.id) return;
      setNotice(null);
      setFailedId(row.disputeId);
      const outcome = await decide({ type: 'dispute.assign', disputeId: row.disputeId, data: { assigneeId: staff.id } });
      if (outcome.ok) {
        setFailedId(null);
        decided([{ disputeId: row.disputeId, id: outcome.id, expectedVersion: outcome.expectedVersion }]);
        setNotice(t('assignQueued', { id: row.disputeId }));
      }
    },
    [decide, decided, isAgent, staff.id, t],
  );

  const toggle = useCallback((id: string) => {
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const now = Date.now();
  const columns: Column<DisputeRow>[] = [
    ...(isAgent
      ? [
          {
            key: 'select',
            header: t('colSelect'),
            width: '44px',
            render: (r: DisputeRow) => (
              <input type="checkbox" checked={selected.has(r.disputeId)} onChange={() => toggle(r.disputeId)} aria-label={t('selectRow', { id: r.disputeId })} data-testid="dispute-select" />
            ),
          },
        ]
      : []),
    {
      key: 'dispute',
      header: t('colDispute'),
      width: 'minmax(170px, 1.3fr)',
      render: (r) => (
        <span data-testid="dispute-row" data-dispute-id={r.disputeId} data-overdue={r.overdue} data-status={r.status}>
          <a href={href('disputes', r.disputeId)} tabIndex={-1}>
            {r.disputeId}
          </a>
        </span>
      ),
    },
    { key: 'order', header: t('colOrder'), width: 'minmax(150px, 1.1fr)', render: (r) => r.orderId },
    { key: 'reason', header: t('colReason'), width: 'minmax(90px, 0.9fr)', render: (r) => (isReason(r.reason) ? t(`reason_${r.reason}`) : r.reason) },
    {
      key: 'status',
      header: t('colStatus'),
      width: 'minmax(120px, 1.2fr)',
      render: (r) => (
        <span className="cell-badges">
          <Badge tone={r.status.startsWith('resolved') || r.status === 'withdrawn' ? 'success' : 'info'}>{t(`status_${r.status}`)}</Badge>
          {r.hasProposal && <Badge tone="warning">{t('awaitingApproval')}</Badge>}
          {r.pendingSync > 0 && (
            <Badge tone="warning">
              <span data-testid="row-pending-sync">⏳ {t('pendingSyncCount', { count: r.pendingSync })}</span>
            </Badge>
          )}
        </span>
      ),
    },
    { key: 'claimed', header: t('colClaimed'), width: '110px', render: (r) => <Money amount={r.claimedAmount} currency={r.currency} /> },
    {
      key: 'deadline',
      header: t('colDeadline'),
      width: 'minmax(120px, 1fr)',
      render: (r) =>
        r.deadlineAt === null ? (
          t('noDeadline')
        ) : (
          <span className="cell-badges" title={format.dateTime(r.deadlineAt, language)}>
            {r.overdue && <Badge tone="danger">⚠ {t('overdue')}</Badge>}
            <span>{r.overdue ? format.relative(r.deadlineAt, now, language) : t('due', { when: format.relative(r.deadlineAt, now, language) })}</span>
          </span>
        ),
    },
    {
      key: 'assignee',
      header: t('colAssignee'),
      width: 'minmax(80px, 0.7fr)',
      render: (r) => <span data-testid="dispute-assignee">{r.assigneeName ?? r.assigneeId ?? <span className="muted">{t('unassigned')}</span>}</span>,
    },
    { key: 'merchant', header: t('colMerchant'), width: 'minmax(90px, 0.8fr)', render: (r) => r.merchantId },
    ...(isAgent
      ? [
          {
            key: 'actions',
            header: t('assignMe'),
            width: '104px',
            render: (r: DisputeRow) =>
              r.assigneeId === staff.id ? null : (
                <Button className="btn-small" tabIndex={-1} onClick={() => void assignToMe(r)} disabled={r.status.startsWith('resolved') || r.status === 'withdrawn'} data-testid="assign-me">
                  {t('assignMe')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div className="disputes-queue">
      <PageHeader
        title={t('title')}
        actions={
          <Button
            onClick={() => {
              counts.reload();
              queue.reload();
            }}
            data-testid="dispute-refresh"
          >
            {t('refresh')}
          </Button>
        }
      >
        <p className="muted">{t('subtitle')}</p>
      </PageHeader>
      <StatusCounts counts={counts.data} filters={filters} onPick={(patch) => onFilters({ ...filters, ...patch })} />
      <ErrorBanner error={counts.error} />
      <QueueFilters applied={filters} onApply={onFilters} agents={agents} />
      {isAgent && (
        <BulkBar
          selected={[...selected]}
          me={staff}
          agents={agents}
          directoryLoaded={directoryLoaded}
          onAssigned={(decisions) => {
            decided(decisions);
            setSelected(new Set());
          }}
          onClear={() => setSelected(new Set())}
        />
      )}
      <div role="status" aria-live="polite" className="queue-notice" data-testid="queue-notice">
        {notice}
      </div>
      {failedId && assignError && (
        <div>
          <span>{t('bulkFailed', { id: failedId })}</span>
          <DecisionError error={assignError} />
        </div>
      )}
      <ErrorBanner error={queue.error} />
      <p className="muted keyboard-help" id="dispute-keys">
        {t('keyboardHelp')}
      </p>
      {rows.length === 0 && !queue.loading ? (
        <p className="empty" data-testid="dispute-empty">
          {t('empty')}
        </p>
      ) : (
        <div data-testid="dispute-queue">
          <VirtualList
            label={t('queueLabel')}
            rows={rows}
            columns={columns}
            rowKey={(r) => r.disputeId}
            rowHeight={44}
            height={520}
            onOpen={(r) => navigate('disputes', r.disputeId)}
            onEndReached={queue.loadMore}
            onKey={(key, row) => {
              if (key === 'a' && isAgent) {
                void assignToMe(row);
                return true;
              }
              if (key === 'x' && isAgent) {
                toggle(row.disputeId);
                return true;
              }
              return false;
            }}
          />
        </div>
      )}
      <p className="muted queue-footer" aria-live="polite">
        {queue.loading ? t('loadingMore') : queue.next ? t('shownSoFar', { count: rows.length }) : t('endOfQueue', { count: rows.length })}
      </p>
    </div>
  );
}

function isReason(reason: string): reason is DisputeReason {
  return (DISPUTE_REASONS as readonly string[]).includes(reason);
}
