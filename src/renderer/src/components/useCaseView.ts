/**
 * One case loaded for its screen (a dispute, a flagged order): the call, reloaded whenever sync
 * moves (the cursor or the number of decisions waiting). A decision queued on this console is
 * answered by the hub through sync, so the case shows it without the staff member reloading.
 */
import type { ConsoleMethod } from '../../../shared/api/console.js';
import { useCall, type CallState, type Input, type Output } from '../api/client.js';
import { useOnSyncChange } from './sync-status.js';

export function useCaseView<K extends ConsoleMethod>(method: K, input: Input<K>): CallState<Output<K>> {
  const detail = useCall(method, input);
  useOnSyncChange(detail.reload, { watch: 'either' });
  return detail;
}
