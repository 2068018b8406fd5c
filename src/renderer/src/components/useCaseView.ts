/**
 * One case loaded for its screen (a dispute, a flagged order): the call, reloaded whenever sync
 * moves (the cursor or the number of decisions waiting). A decision queued on this console is
 * answered by the hub through sync, so the case shows it without the staff member reloading.
 */
import { useRef } from 'react';
import type { ConsoleMethod } from '../../../shared/api/console.js';
import { useCall, useTopic, type CallState, type Input, type Output } from '../api/client.js';

export function useCaseView<K extends ConsoleMethod>(method: K, input: Input<K>): CallState<Output<K>> {
  const detail = useCall(method, input);
  const last = useRef<string | null>(null);
  useTopic('sync.status', (payload) => {
    const p = payload as { cursor?: number; pending?: number };
    const key = `${p.cursor}:${p.pending}`;
    if (last.current !== null && last.current !== key) detail.reload();
    last.current = key;
  });
  return detail;
}
