/**
 * Where this console stands against the hub (`SyncStatus`): asked once and then followed on the
 * `sync.status` topic, by one provider for the whole frame, so the status bar, the Sync screen
 * and every screen that reloads when sync moves read the same value.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../../shared/api/console.js';
import { useApi, useTopic } from '../api/client.js';

const SyncStatusContext = createContext<SyncStatus | null>(null);

export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    // A push that arrived before the answer is newer than it.
    void api.call('sync.status', {}).then((r) => r.ok && setStatus((current) => current ?? r.value));
  }, [api]);
  useTopic('sync.status', (payload) => setStatus(payload as SyncStatus));
  return <SyncStatusContext.Provider value={status}>{children}</SyncStatusContext.Provider>;
}

/** The latest status; null until the main process has told it. */
export function useSyncStatus(): SyncStatus | null {
  return useContext(SyncStatusContext);
}

/**
 * What counts as sync moving for a screen: the cursor (hub events pulled; the replica changed),
 * the number of decisions waiting (the hub answered one), or either.
 */
export type SyncWatch = 'cursor' | 'pending' | 'either';

function keyOf(status: SyncStatus, watch: SyncWatch): string {
  return watch === 'cursor' ? `${status.cursor}` : watch === 'pending' ? `${status.pending}` : `${status.cursor}:${status.pending}`;
}

/**
 * Calls `onChange` whenever sync moves. The first status seen is where the screen started (its
 * own first load already reflects it), so it never triggers a reload by itself.
 */
export function useOnSyncChange(onChange: () => void, { watch = 'cursor' }: { watch?: SyncWatch } = {}): void {
  const status = useSyncStatus();
  const key = status ? keyOf(status, watch) : null;
  const callback = useRef(onChange);
  callback.current = onChange;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (key === null || key === seen.current) return;
    const first = seen.current === null;
    seen.current = key;
    if (!first) callback.current();
  }, [key]);
}
