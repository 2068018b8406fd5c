/**
 * The sync cursor (the last hub event this console has pulled), from the `sync.status` topic.
 * Screens that show the replica reload when it moves: a decision queued here shows up once the
 * hub has accepted it and the events came back, without the staff member reloading by hand.
 */
import { useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../shared/api/console.js';
import { useTopic } from '../api/client.js';

export function useSyncCursor(): number {
  const [cursor, setCursor] = useState(0);
  useTopic('sync.status', (payload) => {
    const next = (payload as Partial<SyncStatus> | null)?.cursor;
    if (typeof next === 'number') setCursor((current) => (current === next ? current : next));
  });
  return cursor;
}

/** Calls `reload` whenever the cursor moves (the first load is the screen's own). */
export function useReloadOnSync(reload: () => void): void {
  const cursor = useSyncCursor();
  const last = useRef(cursor);
  useEffect(() => {
    if (last.current === cursor) return;
    last.current = cursor;
    reload();
  }, [cursor, reload]);
}
