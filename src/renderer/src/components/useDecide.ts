/**
 * Sends one decision (`{command}` to a `*.decide` method): `busy` while it runs, the last
 * refusal in `error`. Amounts go as they are (bigint): both transports carry them exactly.
 */
import { useCallback, useState } from 'react';
import type { Failure } from '../../../shared/result.js';
import { useApi, type Input, type Output } from '../api/client.js';

type DecideMethod = 'disputes.decide' | 'risk.decide';

/** Queued: its id in the outbox and the version of the case it was decided on (every decide method answers that). */
type Outcome = ({ ok: true } & Output<DecideMethod>) | { ok: false; error: Failure };

export function useDecide<K extends DecideMethod>(method: K) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const decide = useCallback(
    async (command: Input<K>['command']): Promise<Outcome> => {
      setBusy(true);
      setError(null);
      const result = await api.call(method, { command } as Input<K>);
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return { ok: false, error: result.error };
      }
      return { ok: true, ...(result.value as Output<DecideMethod>) };
    },
    [api, method],
  );
  return { decide, busy, error, setError };
}
