/** On every screen: online / offline / catching up, and how many decisions wait for the hub. */
import type { SyncStatus } from '../../../shared/api/console.js';
import { useSyncStatus } from '../components/sync-status.js';
import { common } from '../i18n/common.js';
import { useLanguage, useT } from '../i18n/i18n.js';
import * as format from '../format.js';
import { href } from '../router.js';

const TONE: Record<SyncStatus['state'], string> = { online: 'success', offline: 'warning', catching_up: 'info', unauthenticated: 'warning', drift: 'danger' };

export function StatusBar({ demo }: { demo: boolean }) {
  const c = useT(common);
  const { language } = useLanguage();
  const status = useSyncStatus();
  return (
    <footer className="status-bar" role="status" aria-live="polite" data-testid="status-bar">
      {demo && <span className="demo-badge">{c('demo')}</span>}
      {status && (
        <>
          <a href={href('sync')} className={`sync-state tone-${TONE[status.state]}`} data-state={status.state}>
            {c(`sync_${status.state}`)}
          </a>
          <span data-testid="pending-count">{c('pending', { count: status.pending })}</span>
          {status.lastSyncAt && <span>{c('lastSync', { when: format.dateTime(status.lastSyncAt, language) })}</span>}
          <span className="cursor">#{status.cursor}</span>
        </>
      )}
    </footer>
  );
}
