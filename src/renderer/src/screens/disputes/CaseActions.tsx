/** Working an open case: take it, ask a party for information, start the review. */
import { useState } from 'react';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import type { DisputeCommand, DisputeState } from '../../../../shared/escrow/dispute.js';
import { DecisionError } from '../../components/case.js';
import { Button, Field, Panel } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

export function CaseActions({ dispute, staff, onQueued }: { dispute: DisputeState; staff: StaffIdentity; onQueued(): void }) {
  const t = useT(messages);
  const { decide, busy, error } = useDecide('disputes.decide');
  const [note, setNote] = useState('');
  const [queued, setQueued] = useState(false);

  async function run(command: DisputeCommand) {
    setQueued(false);
    const outcome = await decide(command);
    if (outcome.ok) {
      setQueued(true);
      if (command.type === 'dispute.request_info') setNote('');
      onQueued();
    }
  }

  const requestInfo = (from: 'buyer' | 'merchant') => {
    const text = note.trim();
    void run({ type: 'dispute.request_info', disputeId: dispute.disputeId, data: { from, ...(text ? { note: text } : {}) } });
  };

  return (
    <Panel title={t('actions')}>
      <div className="button-row">
        {dispute.assignee?.id !== staff.id && (
          <Button variant="primary" disabled={busy} onClick={() => void run({ type: 'dispute.assign', disputeId: dispute.disputeId, data: { assigneeId: staff.id } })} data-testid="assign-me">
            {t('assignMe')}
          </Button>
        )}
        <Button disabled={busy || dispute.status === 'under_review'} onClick={() => void run({ type: 'dispute.start_review', disputeId: dispute.disputeId, data: {} })} data-testid="start-review">
          {t('startReview')}
        </Button>
      </div>
      <Field label={t('requestNote')}>
        {(id) => <input id={id} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="request-note" />}
      </Field>
      <div className="button-row" role="group" aria-label={t('requestFrom')}>
        <Button disabled={busy || dispute.status === 'awaiting_buyer'} onClick={() => requestInfo('buyer')} data-testid="request-info-buyer">
          {t('requestBuyer')}
        </Button>
        <Button disabled={busy || dispute.status === 'awaiting_merchant'} onClick={() => requestInfo('merchant')} data-testid="request-info-merchant">
          {t('requestMerchant')}
        </Button>
      </div>
      <DecisionError error={error} />
      <div role="status" aria-live="polite">
        {queued && <p className="notice">⏳ {t('queued')}</p>}
      </div>
    </Panel>
  );
}
