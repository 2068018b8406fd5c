/** Who is signed in, the staff directory, and sending a decision (dispute commands). */
import { useCallback, useState } from 'react';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import type { DisputeCommand } from '../../../../shared/escrow/dispute.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi, useCall, useTopic, type Output } from '../../api/client.js';

export function useStaff(): StaffIdentity | null {
  const session = useCall('session.current', {});
  useTopic('session.changed', () => session.reload());
  return session.data?.staff ?? null;
}

/** Support agents from the directory cached at the last sync (assignees). */
export function useAgents(): { agents: StaffIdentity[]; loaded: boolean } {
  const directory = useCall('staff.directory', {});
  const agents = (directory.data ?? []).filter((s) => s.role === 'agent');
  return { agents, loaded: directory.data !== null || directory.error !== null };
}

/** A queued command: its id in the outbox and the version of the case it was decided on. */
export type Queued = Output<'disputes.decide'>;

export type DecideOutcome = ({ ok: true } & Queued) | { ok: false; error: Failure };

/** Sends one dispute command; `busy` while it runs, the last refusal in `error`. */
export function useDecide() {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const decide = useCallback(
    async (command: DisputeCommand): Promise<DecideOutcome> => {
      setBusy(true);
      setError(null);
      const result = await api.call('disputes.decide', { command: wire(command) });
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return { ok: false, error: result.error };
      }
      return { ok: true, ...result.value };
    },
    [api],
  );
  return { decide, busy, error, setError };
}

/** Amounts travel as decimal strings of minor units: every transport carries them exactly. */
function wire(command: DisputeCommand) {
  if (command.type !== 'dispute.resolve') return command;
  const { refundAmount, releaseAmount, ...rest } = command.data;
  return {
    ...command,
    data: { ...rest, ...(refundAmount !== undefined ? { refundAmount: refundAmount.toString() } : {}), ...(releaseAmount !== undefined ? { releaseAmount: releaseAmount.toString() } : {}) },
  };
}
