/**
 * The officer's decision on a flag: clear it (the hold unfreezes), keep it (with a note; stays
 * frozen), or refund as fraud (everything held back to the buyer, who is blocked). Clearing and
 * the fraud refund are confirmed first; the fraud refund cannot be undone.
 */
import { useState } from 'react';
import type { RiskCommand, RiskFlagState } from '../../../../shared/escrow/risk.js';
import { DecisionError } from '../../components/case.js';
import type { OrderState } from '../../../../shared/escrow/order.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Button, Field, Panel } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';

const MAX_NOTE = 200;

export function RiskActions({ flag, order, waiting, onQueued }: { flag: RiskFlagState; order: OrderState; waiting: boolean; onQueued(): void }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const { decide, busy, error, setError } = useDecide('risk.decide');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<'clear' | 'fraud' | null>(null);
  const [queued, setQueued] = useState(false);
  const held = format.money(order.held, order.currency, language);

  function needNote(): string | null {
    const text = note.trim();
    if (!text) {
      setNoteError(t('noteRequired'));
      return null;
    }
    if (text.length > MAX_NOTE) {
      setNoteError(t('tooLong'));
      return null;
    }
    return text;
  }

  async function run(command: RiskCommand) {
    setQueued(false);
    setConfirming(null);
    const outcome = await decide(command);
    if (outcome.ok) {
      setQueued(true);
      setNote('');
      onQueued();
    }
  }

  function start(which: 'clear' | 'keep' | 'fraud') {
    setError(null);
    setNoteError(null);
    setQueued(false);
    if (which === 'clear') {
      if (note.trim().length > MAX_NOTE) return setNoteError(t('tooLong'));
      return setConfirming('clear');
    }
    const text = needNote();
    if (!text) return;
    if (which === 'keep') void run({ type: 'risk.keep', orderId: flag.orderId, data: { note: text } });
    else setConfirming('fraud');
  }

  const text = note.trim();
  return (
    <Panel title={t('decision')}>
      <div data-testid="risk-actions">
        <Field label={t('noteLabel')} hint={t('noteHint')} error={noteError}>
          {(id) => (
            <textarea
              id={id}
              rows={2}
              value={note}
              maxLength={MAX_NOTE}
              aria-invalid={!!noteError}
              onChange={(e) => {
                setNote(e.target.value);
                setNoteError(null);
              }}
              data-testid="risk-note"
            />
          )}
        </Field>
        <div className="button-row">
          <Button variant="primary" disabled={busy || waiting} onClick={() => start('clear')} data-testid="risk-clear">
            {t('clear')}
          </Button>
          <Button disabled={busy || waiting} onClick={() => start('keep')} data-testid="risk-keep">
            {t('keep')}
          </Button>
          <Button variant="danger" disabled={busy || waiting || order.held === 0n} onClick={() => start('fraud')} data-testid="risk-refund-fraud">
            {t('refundFraud')}
          </Button>
        </div>
        <p className="muted">{t('fraudBlock', { buyer: flag.buyerId })}</p>
        <DecisionError error={error} />
        <div role="status" aria-live="polite">
          {(queued || waiting) && (
            <p className="notice" data-testid="risk-queued">
              ⏳ {t('queued')}
            </p>
          )}
        </div>
      </div>
      {confirming === 'clear' && (
        <ConfirmDialog
          title={t('clearTitle')}
          confirmLabel={t('clear')}
          cancelLabel={t('cancel')}
          tone="primary"
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() => void run({ type: 'risk.clear', orderId: flag.orderId, data: text ? { note: text } : {} })}
          testId="risk-clear-dialog"
        >
          <p>{t('clearBody', { amount: held, merchant: flag.merchantId })}</p>
        </ConfirmDialog>
      )}
      {confirming === 'fraud' && (
        <ConfirmDialog
          title={t('fraudTitle')}
          confirmLabel={t('refundFraud')}
          cancelLabel={t('cancel')}
          tone="danger"
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() => void run({ type: 'risk.refund_fraud', orderId: flag.orderId, data: { note: text } })}
          testId="risk-fraud-dialog"
        >
          <p>{t('fraudBody', { amount: held, buyer: flag.buyerId })}</p>
          <p className="muted">{t('reviewNote', { note: text })}</p>
        </ConfirmDialog>
      )}
    </Panel>
  );
}
