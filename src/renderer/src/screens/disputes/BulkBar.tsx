/** Several selected disputes assigned at once: to me, or to another agent from the directory. */
import { useId, useState } from 'react';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import type { Failure } from '../../../../shared/result.js';
import { DecisionError } from '../../components/case.js';
import { Button } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import { useT } from '../../i18n/i18n.js';
import type { Queued } from './hooks.js';
import { messages } from './messages.js';

interface Props {
  selected: readonly string[];
  me: StaffIdentity;
  agents: readonly StaffIdentity[];
  directoryLoaded: boolean;
  /** The assignments queued, each with its command (the rows follow them until the hub answers). */
  onAssigned(decisions: ReadonlyArray<{ disputeId: string } & Queued>): void;
  onClear(): void;
}

export function BulkBar({ selected, me, agents, directoryLoaded, onAssigned, onClear }: Props) {
  const t = useT(messages);
  const { decide, busy } = useDecide('disputes.decide');
  const [assignee, setAssignee] = useState('');
  const [result, setResult] = useState<{ ok: number; total: number; failures: Array<{ id: string; error: Failure }> } | null>(null);
  const selectId = useId();

  async function assignTo(assigneeId: string) {
    const done: Array<{ disputeId: string } & Queued> = [];
    const failures: Array<{ id: string; error: Failure }> = [];
    for (const disputeId of selected) {
      const outcome = await decide({ type: 'dispute.assign', disputeId, data: { assigneeId } });
      if (outcome.ok) done.push({ disputeId, id: outcome.id, expectedVersion: outcome.expectedVersion });
      else failures.push({ id: disputeId, error: outcome.error });
    }
    setResult({ ok: done.length, total: selected.length, failures });
    onAssigned(done);
  }

  const others = agents.filter((a) => a.id !== me.id);
  return (
    <section className="bulk-bar" aria-label={t('bulkLabel')} data-testid="bulk-bar">
      {selected.length > 0 && (
        <div className="bulk-actions">
          <strong>{t('selected', { count: selected.length })}</strong>
          <Button variant="primary" disabled={busy} onClick={() => void assignTo(me.id)} data-testid="bulk-assign-me">
            {t('bulkAssignMe')}
          </Button>
          <label htmlFor={selectId}>{t('bulkAssignee')}</label>
          <select id={selectId} value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="bulk-assignee">
            <option value="">{t('chooseAgent')}</option>
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <Button disabled={busy || !assignee} onClick={() => void assignTo(assignee)} data-testid="bulk-assign">
            {t('bulkAssign')}
          </Button>
          <Button variant="ghost" disabled={busy} onClick={onClear}>
            {t('clearSelection')}
          </Button>
          {directoryLoaded && agents.length === 0 && <small className="muted">{t('noDirectory')}</small>}
        </div>
      )}
      <div role="status" aria-live="polite">
        {result && (
          <div className="bulk-result" data-testid="bulk-result">
            <p>{t('bulkResult', { ok: result.ok, total: result.total })}</p>
            {result.failures.map((f) => (
              <div key={f.id}>
                <span>{t('bulkFailed', { id: f.id })}</span>
                <DecisionError error={f.error} />
              </div>
            ))}
          </div>
        )}
      </div>
    </section>
  );
}
