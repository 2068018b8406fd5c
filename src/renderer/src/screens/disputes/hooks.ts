/** The staff directory (assignees) and what a queued dispute decision answers. */
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import { useCall, type Output } from '../../api/client.js';

/** Support agents from the directory cached at the last sync (assignees). */
export function useAgents(): { agents: StaffIdentity[]; loaded: boolean } {
  const directory = useCall('staff.directory', {});
  const agents = (directory.data ?? []).filter((s) => s.role === 'agent');
  return { agents, loaded: directory.data !== null || directory.error !== null };
}

/** A queued command: its id in the outbox and the version of the case it was decided on. */
export type Queued = Output<'disputes.decide'>;
