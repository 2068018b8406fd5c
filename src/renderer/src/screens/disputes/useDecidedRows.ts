/**
 * The queue's rows this console has just decided on (assigned from the list), kept true in
 * place: "pending sync" until the hub has answered and its events are back here, then the case
 * as it now is (assignee, status, deadline). The list keeps its order until it is refreshed, so
 * the keyboard cursor stays where the agent left it.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { DisputeRow } from '../../../../shared/api/console.js';
import type { DisputeDetail } from '../../../../shared/api/views.js';
import { useApi } from '../../api/client.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import type { KeysetPages } from '../../components/useKeysetPages.js';
import type { Queued } from './hooks.js';

/** The last decision queued on a row: the command, and the version of the case it was decided on. */
interface Watched {
  commandId: string;
  decidedOn: number;
}

function rowOf(row: DisputeRow, { dispute, pending }: DisputeDetail): DisputeRow {
  return {
    ...row,
    status: dispute.status,
    deadlineAt: dispute.deadlineAt,
    // "Overdue" is the main process's judgement, on the hub's clock; a closed case has no deadline.
    overdue: dispute.deadlineAt !== null && row.overdue,
    assigneeId: dispute.assignee?.id ?? null,
    assigneeName: dispute.assignee ? (dispute.assignee.name ?? null) : null,
    hasProposal: dispute.proposal !== null,
    pendingSync: pending.filter((p) => p.status === 'pending').length,
  };
}

/** Settled: the hub's events for the decision are here (the case moved past it), or the hub refused it. */
function settled({ dispute, pending }: DisputeDetail, watched: Watched): boolean {
  if (pending.some((p) => p.status === 'pending')) return false;
  return dispute.version > watched.decidedOn || pending.some((p) => p.id === watched.commandId && p.status === 'rejected');
}

export function useDecidedRows(queue: KeysetPages<DisputeRow>, queryKey: string) {
  const api = useApi();
  const watched = useRef(new Map<string, Watched>());
  // One refresh at a time (an older read must not land after a newer one); news meanwhile runs it again.
  const refreshing = useRef(false);
  const again = useRef(false);
  const { patch } = queue;

  // A new query loads fresh rows.
  useEffect(() => watched.current.clear(), [queryKey]);

  const refreshOnce = useCallback(async () => {
    for (const [disputeId, watch] of [...watched.current]) {
      const result = await api.call('disputes.get', { disputeId });
      if (!result.ok) continue;
      const detail = result.value as DisputeDetail;
      patch([disputeId], (row) => rowOf(row, detail));
      if (settled(detail, watch) && watched.current.get(disputeId) === watch) watched.current.delete(disputeId);
    }
  }, [api, patch]);

  const refresh = useCallback(async () => {
    if (refreshing.current) {
      again.current = true;
      return;
    }
    refreshing.current = true;
    try {
      do {
        again.current = false;
        await refreshOnce();
      } while (again.current);
    } finally {
      refreshing.current = false;
    }
  }, [refreshOnce]);

  /**
   * Marks rows as decided on here: "pending sync" at once, then refreshed now (the hub may have
   * answered before this was called) and whenever sync moves.
   */
  const decided = useCallback(
    (decisions: ReadonlyArray<{ disputeId: string } & Queued>) => {
      for (const d of decisions) watched.current.set(d.disputeId, { commandId: d.id, decidedOn: d.expectedVersion });
      patch(
        decisions.map((d) => d.disputeId),
        (r) => ({ ...r, pendingSync: r.pendingSync + 1 }),
      );
      void refresh();
    },
    [patch, refresh],
  );

  // The hub's answers and events arrive through sync: the pending count or the cursor moves.
  useOnSyncChange(
    () => {
      if (watched.current.size > 0) void refresh();
    },
    { watch: 'either' },
  );

  return decided;
}
