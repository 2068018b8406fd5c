/**
 * Sync: where this console stands against the hub (state, events held, decisions waiting),
 * "sync now", the outbox (waiting, rejected with the hub's reason, accepted), the conflicts
 * among the rejections, and the resync that rebuilds the ledger after a drift alarm.
 * The status is the frame's (components/sync-status.tsx), pushed by the main process and shown live.
 */
import { useState } from 'react';
import type { PendingDecision, SyncState } from '../../../../shared/api/console.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi, useCall } from '../../api/client.js';
import type { ScreenProps } from '../../app/screens.js';
import { DecisionError } from '../../components/case.js';
import { caseMessages, hasCaseKey } from '../../components/case-messages.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Notice } from '../../components/Notice.js';
import { Segmented } from '../../components/Segmented.js';
import { useOnSyncChange, useSyncStatus } from '../../components/sync-status.js';
import { Badge, Button, DateTime, Empty, ErrorBanner, Loading, PageHeader, Panel } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

type Filter = 'pending' | 'rejected' | 'accepted' | 'all';
const FILTERS: readonly Filter[] = ['pending', 'rejected', 'accepted', 'all'];
const OUTBOX_LIMIT = 200;
/** The rejected decisions are read in full (up to this many) for the conflicts panel. */
const REJECTED_LIMIT = 500;

const STATE_TONE: Record<SyncState, 'success' | 'warning' | 'info' | 'danger'> = {
  online: 'success',
  offline: 'warning',
  catching_up: 'info',
  unauthenticated: 'warning',
  drift: 'danger',
};
const STATE_ICON: Record<SyncState, string> = { online: '✓', offline: '⚠', catching_up: '↻', unauthenticated: '⚠', drift: '✕' };
const STATUS_TONE: Record<PendingDecision['status'], 'warning' | 'success' | 'danger'> = { pending: 'warning', accepted: 'success', rejected: 'danger' };

function useCommandLabel() {
  const c = useT(caseMessages);
  return (type: string) => {
    const key = `cmd_${type.replace(/\./g, '_')}`;
    return hasCaseKey(key) ? c(key) : type;
  };
}

function OutboxTable({ rows, caption }: { rows: readonly PendingDecision[]; caption: string }) {
  const t = useT(messages);
  const command = useCommandLabel();
  if (rows.length === 0) return <Empty>{t('outboxEmpty')}</Empty>;
  return (
    <div className="table-scroll">
      <table className="data" data-testid="outbox">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colCommand')}</th>
            <th scope="col">{t('colCreated')}</th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colReason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="outbox-row" data-status={row.status} data-code={row.code ?? undefined}>
              <th scope="row">
                {/* The case it is about: command ids are time-ordered, their first characters alike. */}
                {command(row.type)} <code className="muted">{row.aggregateId}</code>
              </th>
              <td>
                <DateTime at={row.createdAt} />
              </td>
              <td>
                <Badge tone={STATUS_TONE[row.status]}>{t(`status_${row.status}`)}</Badge>
              </td>
              <td>{row.status === 'rejected' ? <DecisionError error={{ code: row.code ?? 'rejected', message: row.message ?? '' }} testId="outbox-reason" /> : (row.message ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SyncScreen(_props: ScreenProps) {
  const api = useApi();
  const t = useT(messages);
  const { language } = useLanguage();
  const status = useSyncStatus();
  const [filter, setFilter] = useState<Filter>('pending');
  // With the rejected filter on, the outbox list is the rejected list: read once for both.
  const showingRejected = filter === 'rejected';
  const outbox = useCall('sync.outbox', { status: filter, limit: showingRejected ? REJECTED_LIMIT : OUTBOX_LIMIT });
  const rejected = useCall('sync.outbox', { status: 'rejected', limit: REJECTED_LIMIT }, !showingRejected);
  const [busy, setBusy] = useState<'sync' | 'resync' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<Failure | null>(null);

  // The outbox moves whenever the number of waiting decisions does.
  const reloadOutbox = () => {
    outbox.reload();
    rejected.reload();
  };
  useOnSyncChange(reloadOutbox, { watch: 'pending' });

  async function run(kind: 'sync' | 'resync') {
    setBusy(kind);
    setError(null);
    setNotice(null);
    const result = await api.call(kind === 'sync' ? 'sync.now' : 'sync.resync', {});
    setBusy(null);
    if (!result.ok) return setError(result.error);
    // The status itself arrives on the topic (the main process pushes every change).
    setNotice(t(kind === 'sync' ? 'synced' : 'resynced', { state: t(`state_${result.value.state}`) }));
    reloadOutbox();
  }

  const conflicts = ((showingRejected ? outbox.data : rejected.data) ?? []).filter((r) => r.code === 'conflict');
  const behind = status ? Math.max(0, status.head - status.cursor) : 0;

  return (
    <div className="sync-screen" data-testid="sync">
      <PageHeader
        title={t('title')}
        actions={
          <Button variant="primary" onClick={() => void run('sync')} disabled={busy !== null} data-testid="sync-now" aria-busy={busy === 'sync'}>
            {busy === 'sync' ? t('syncing') : t('syncNow')}
          </Button>
        }
      >
        <p className="subtitle">{t('subtitle')}</p>
      </PageHeader>
      <ErrorBanner error={error} />
      {notice && <Notice testId="sync-notice">{notice}</Notice>}
      {!status && <Loading />}

      {status && (
        <Panel title={t('status')}>
          <dl className="facts" data-testid="sync-status" data-state={status.state}>
            <dt>{t('state')}</dt>
            <dd>
              <Badge tone={STATE_TONE[status.state]}>
                <span aria-hidden="true">{STATE_ICON[status.state]}</span> {t(`state_${status.state}`)}
              </Badge>
            </dd>
            <dt>{t('cursor')}</dt>
            <dd data-testid="sync-cursor">
              #{format.count(status.cursor, language)}
              {behind > 0 && <span className="muted"> ({t('behind', { count: format.count(behind, language) })})</span>}
            </dd>
            <dt>{t('head')}</dt>
            <dd>#{format.count(status.head, language)}</dd>
            <dt>{t('pending')}</dt>
            <dd data-testid="sync-pending">{format.count(status.pending, language)}</dd>
            <dt>{t('lastSync')}</dt>
            <dd>{status.lastSyncAt ? <DateTime at={status.lastSyncAt} /> : t('never')}</dd>
            {status.lastError && (
              <>
                <dt>{t('lastError')}</dt>
                <dd data-testid="sync-last-error">{status.lastError}</dd>
              </>
            )}
          </dl>
          {status.drift && (
            <div role="alert" className="error-banner" data-testid="sync-drift">
              <strong>{t('driftTitle')}</strong>
              <p>{t('driftBody', { seq: status.drift.seq, local: status.drift.local.slice(0, 16), hub: status.drift.hub.slice(0, 16) })}</p>
              <Button variant="danger" onClick={() => setConfirming(true)} disabled={busy !== null} data-testid="sync-resync">
                {busy === 'resync' ? t('resyncing') : t('resync')}
              </Button>
            </div>
          )}
        </Panel>
      )}

      <Panel title={t('conflicts')}>
        <p className="muted">{t('conflictsExplain')}</p>
        <div data-testid="sync-conflicts">{conflicts.length === 0 ? <Empty>{t('conflictsNone')}</Empty> : <OutboxTable rows={conflicts} caption={t('conflicts')} />}</div>
      </Panel>

      <Panel title={t('outbox')}>
        <Segmented label={t('show')} testId="outbox-filter" value={filter} options={FILTERS.map((f) => ({ value: f, label: t(`filter_${f}`) }))} onChange={setFilter} />
        {filter === 'rejected' && <p className="muted">{t('rejectedExplain')}</p>}
        <ErrorBanner error={outbox.error} />
        {outbox.loading && !outbox.data ? <Loading /> : <OutboxTable rows={outbox.data ?? []} caption={`${t('outbox')}: ${t(`filter_${filter}`)}`} />}
      </Panel>

      {confirming && (
        <ConfirmDialog
          title={t('resyncConfirmTitle')}
          confirmLabel={t('resync')}
          cancelLabel={t('cancel')}
          busy={busy === 'resync'}
          testId="resync-confirm"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void run('resync');
          }}
        >
          <p>{t('resyncConfirmBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
