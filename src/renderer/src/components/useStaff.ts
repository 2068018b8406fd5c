/** Who is signed in, for screens that show or hide actions by role (the main process checks again). */
import type { StaffIdentity } from '../../../shared/api/hub.js';
import { useCall } from '../api/client.js';

export function useStaff(): StaffIdentity | null {
  return useCall('session.current', {}).data?.staff ?? null;
}
