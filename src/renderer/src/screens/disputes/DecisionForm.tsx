/**
 * The agent's decision on a dispute: full refund, partial refund, release, or a split by
 * amount. Amounts are exact decimals in the order's currency, checked here (positive, within
 * what is held, shares adding up) before the main process decides again with the same rules.
 * Above the four-eyes threshold the decision becomes a proposal for finance.
 */
import { useId, useState, type FormEvent } from 'react';
import { RESOLUTIONS, type Resolution } from '../../../../shared/escrow/dispute.js';
import { toDecimalString, type Currency } from '../../../../shared/money.js';
import { DecisionError } from '../../components/case.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Button, Field, Panel } from '../../components/ui.js';
import { useDecide } from '../../components/useDecide.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { parseShare } from './amount.js';
import { messages } from './messages.js';

interface Props {
  disputeId: string;
  currency: Currency;
  /** What the order holds now. */
  held: bigint;
  /** Why a risk flag freezes the hold (releases are refused meanwhile); null when it does not. */
  riskHoldReason: string | null;
  /** Before shipping the order decider allows only a full refund. */
  shipped: boolean;
  onQueued(): void;
}

interface Plan {
  resolution: Resolution;
  refund: bigint;
  release: bigint;
  refundAmount?: bigint;
  releaseAmount?: bigint;
}

type Errors = { refund?: string; release?: string };

export function DecisionForm({ disputeId, currency, held, riskHoldReason, shipped, onQueued }: Props) {
  const t = useT(messages);
  const { language } = useLanguage();
  const { decide, busy, error, setError } = useDecide('disputes.decide');
  const [resolution, setResolution] = useState<Resolution>('refund_full');
  const [refundText, setRefundText] = useState('');
  const [releaseText, setReleaseText] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [plan, setPlan] = useState<Plan | null>(null);
  const [queued, setQueued] = useState(false);
  const groupLabel = useId();
  const money = (m: bigint) => format.money(m, currency, language);
  const heldText = money(held);

  function check(): Plan | Errors {
    switch (resolution) {
      case 'refund_full':
        return { resolution, refund: held, release: 0n };
      case 'release':
        return { resolution, refund: 0n, release: held };
      case 'refund_partial': {
        const refund = parseShare(refundText.trim(), currency, held, t, heldText, true);
        if (!refund.ok) return { refund: refund.message };
        return { resolution, refund: refund.value, release: held - refund.value, refundAmount: refund.value };
      }
      case 'split': {
        const refund = parseShare(refundText.trim(), currency, held, t, heldText, true);
        const release = parseShare(releaseText.trim(), currency, held, t, heldText, true);
        const errs: Errors = {};
        if (!refund.ok) errs.refund = refund.message;
        if (!release.ok) errs.release = release.message;
        if (refund.ok && release.ok && refund.value + release.value !== held) errs.release = t('splitSum', { sum: money(refund.value + release.value), held: heldText });
        if (!refund.ok || !release.ok || errs.release) return errs;
        return { resolution, refund: refund.value, release: release.value, refundAmount: refund.value, releaseAmount: release.value };
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setQueued(false);
    setError(null);
    const checked = check();
    if (!('resolution' in checked)) {
      setErrors(checked);
      return;
    }
    setErrors({});
    setPlan(checked);
  }

  async function confirm() {
    if (!plan) return;
    const trimmed = note.trim();
    const outcome = await decide({
      type: 'dispute.resolve',
      disputeId,
      data: {
        resolution: plan.resolution,
        currency,
        ...(plan.refundAmount !== undefined ? { refundAmount: plan.refundAmount } : {}),
        ...(plan.releaseAmount !== undefined ? { releaseAmount: plan.releaseAmount } : {}),
        ...(trimmed ? { note: trimmed } : {}),
      },
    });
    setPlan(null);
    if (outcome.ok) {
      setQueued(true);
      setRefundText('');
      setReleaseText('');
      setNote('');
      onQueued();
    }
  }

  /** Split: the merchant's share as what is left of the hold after the buyer's. */
  function fillRest() {
    const refund = parseShare(refundText.trim(), currency, held, t, heldText, true);
    if (refund.ok) setReleaseText(toDecimalString(held - refund.value, currency));
    else setErrors({ refund: refund.message });
  }

  const needsRefund = resolution === 'refund_partial' || resolution === 'split';
  const preview = check();
  return (
    <Panel title={t('decision')}>
      <form onSubmit={submit} data-testid="decision-form" noValidate>
        <p className="muted">{t('heldHint', { amount: heldText })}</p>
        {riskHoldReason !== null && <p className="notice notice-warning">⚠ {t('riskFrozen', { reason: riskHoldReason })}</p>}
        {!shipped && <p className="notice notice-warning">⚠ {t('notShipped')}</p>}
        <fieldset className="radio-group" aria-labelledby={groupLabel}>
          <legend id={groupLabel}>{t('resolution')}</legend>
          {RESOLUTIONS.map((r) => (
            <label key={r} className="radio">
              <input
                type="radio"
                name={`resolution-${disputeId}`}
                value={r}
                checked={resolution === r}
                disabled={!shipped && r !== 'refund_full'}
                onChange={() => {
                  setResolution(r);
                  setErrors({});
                }}
                data-testid={`decision-resolution-${r}`}
              />{' '}
              {t(`res_${r}`)}
            </label>
          ))}
        </fieldset>
        {needsRefund && (
          <Field label={resolution === 'split' ? t('buyerShare', { currency }) : t('refundAmount', { currency })} error={errors.refund} hint={t('heldHint', { amount: heldText })}>
            {(id) => (
              <input id={id} inputMode="decimal" autoComplete="off" value={refundText} onChange={(e) => setRefundText(e.target.value)} aria-invalid={!!errors.refund} data-testid="decision-amount" />
            )}
          </Field>
        )}
        {resolution === 'split' && (
          <>
            <Field label={t('merchantShare', { currency })} error={errors.release}>
              {(id) => (
                <input id={id} inputMode="decimal" autoComplete="off" value={releaseText} onChange={(e) => setReleaseText(e.target.value)} aria-invalid={!!errors.release} data-testid="decision-release-amount" />
              )}
            </Field>
            <Button onClick={fillRest} data-testid="decision-fill-rest">
              {t('fillRest')}
            </Button>
          </>
        )}
        <Field label={t('decisionNote')}>
          {(id) => <input id={id} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="decision-note" />}
        </Field>
        {'resolution' in preview && (
          <p className="decision-preview" data-testid="decision-preview">
            {t('preview', { refund: money(preview.refund), release: money(preview.release) })}
          </p>
        )}
        <p className="muted">{t('fourEyesHint')}</p>
        <Button type="submit" variant="primary" disabled={busy} data-testid="decision-submit">
          {t('submitDecision')}
        </Button>
        <DecisionError error={error} />
        <div role="status" aria-live="polite">
          {queued && (
            <p className="notice" data-testid="decision-queued">
              ⏳ {t('decisionQueued')}
            </p>
          )}
        </div>
      </form>
      {plan && (
        <ConfirmDialog
          title={t('confirmTitle')}
          confirmLabel={t('confirm')}
          cancelLabel={t('cancel')}
          tone="primary"
          busy={busy}
          onCancel={() => setPlan(null)}
          onConfirm={() => void confirm()}
          testId="decision-confirm"
        >
          <p>{t('confirmBody', { resolution: t(`res_${plan.resolution}`), refund: money(plan.refund), release: money(plan.release) })}</p>
        </ConfirmDialog>
      )}
    </Panel>
  );
}
