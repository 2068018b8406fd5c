/**
 * A resolution above the four-eyes threshold waits here for a finance officer other than the
 * proposer: finance sees Approve and Decline (a reason required), everyone else sees that it
 * is pending approval.
 */
import { useId, useState } from 'react';
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import type { Currency } from '../../../../shared/money.js';
import { DecisionError } from '../../components/case.js';
import type { Proposal } from '../../../../shared/escrow/dispute.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Badge, Button, Field } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

interface Props {
  disputeId: string;
  proposal: Proposal;
  currency: Currency;
  staff: StaffIdentity;
  /** An approval or decline of it is already queued here (pending sync). */
  decided: boolean;
  onQueued(): void;
}

export function ProposalPanel({ disputeId, proposal, currency, staff, decided, onQueued }: Props) {
  const t = useT(messages);
  const { language } = useLanguage();
  const { decide, busy, error } = useDecide('disputes.decide');
  const [dialog, setDialog] = useState<'approve' | 'decline' | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [queued, setQueued] = useState(false);
  const money = (m: bigint) => format.money(m, currency, language);
  const isFinance = staff.role === 'finance';
  const titleId = useId();

  async function confirm() {
    const text = note.trim();
    if (dialog === 'decline' && !text) {
      setNoteError(t('declineNoteRequired'));
      return;
    }
    const outcome =
      dialog === 'approve'
        ? await decide({ type: 'dispute.approve', disputeId, data: { proposalId: proposal.proposalId, ...(text ? { note: text } : {}) } })
        : await decide({ type: 'dispute.decline', disputeId, data: { proposalId: proposal.proposalId, note: text } });
    setDialog(null);
    setNote('');
    if (outcome.ok) {
      setQueued(true);
      onQueued();
    }
  }

  const open = (which: 'approve' | 'decline') => {
    setQueued(false);
    setNote('');
    setNoteError(null);
    setDialog(which);
  };

  return (
    <section className="panel proposal-panel" aria-labelledby={titleId} data-testid="proposal-panel">
      <div className="panel-header">
        <h2 id={titleId}>{t('proposalTitle')}</h2>
        <Badge tone="warning">⏳ {t('awaitingApproval')}</Badge>
      </div>
      <div className="panel-body">
        <p>
          <strong>{t('proposalBody', { resolution: t(`res_${proposal.resolution}`), refund: money(proposal.refundAmount), release: money(proposal.releaseAmount) })}</strong>
        </p>
        <p className="muted">{t('proposedBy', { name: proposal.proposedBy.name ?? proposal.proposedBy.id, when: format.dateTime(proposal.at, language) })}</p>
        {proposal.note && <p>{t('proposalNote', { note: proposal.note })}</p>}
        {isFinance && decided ? (
          <p className="notice">⏳ {t('approvalQueued')}</p>
        ) : isFinance ? (
          <div className="button-row">
            <Button variant="primary" disabled={busy} onClick={() => open('approve')} data-testid="proposal-approve">
              {t('approve')}
            </Button>
            <Button variant="danger" disabled={busy} onClick={() => open('decline')} data-testid="proposal-decline">
              {t('decline')}
            </Button>
          </div>
        ) : (
          <p className="muted">{t('waitingFinance')}</p>
        )}
        <DecisionError error={error} />
        <div role="status" aria-live="polite">
          {queued && <p className="notice">⏳ {t('approvalQueued')}</p>}
        </div>
      </div>
      {dialog && (
        <ConfirmDialog
          title={dialog === 'approve' ? t('approveTitle') : t('declineTitle')}
          confirmLabel={dialog === 'approve' ? t('approve') : t('decline')}
          cancelLabel={t('cancel')}
          tone={dialog === 'approve' ? 'primary' : 'danger'}
          busy={busy}
          onCancel={() => setDialog(null)}
          onConfirm={() => void confirm()}
          testId={`proposal-${dialog}-dialog`}
        >
          <p>{dialog === 'approve' ? t('approveBody', { refund: money(proposal.refundAmount), release: money(proposal.releaseAmount) }) : t('declineBody')}</p>
          <Field label={dialog === 'approve' ? t('approvalNote') : t('declineNote')} error={noteError}>
            {(id) => (
              <input
                id={id}
                value={note}
                maxLength={200}
                required={dialog === 'decline'}
                aria-invalid={!!noteError}
                onChange={(e) => {
                  setNote(e.target.value);
                  setNoteError(null);
                }}
                data-testid="proposal-note"
              />
            )}
          </Field>
        </ConfirmDialog>
      )}
    </section>
  );
}
