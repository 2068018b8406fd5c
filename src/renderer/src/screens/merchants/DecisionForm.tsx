/**
 * The reviewer's decision on an application: approve (tier, payout schedule, rolling reserve),
 * reject (a reason code) or request information (which requirements, by when). The decision is
 * checked by the main process with the same decider the hub runs, then queued for the hub.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { MERCHANT_TIERS, PAYOUT_SCHEDULES, REJECTION_REASONS, type MerchantCommand } from '../../../../shared/escrow/merchant.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import { Notice } from '../../components/Notice.js';
import { Button, ErrorBanner, Field, Panel } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { chinaLocalToEpoch, epochToChinaLocal, fieldLabel, percentToBps } from './helpers.js';
import { messages } from './messages.js';
import type { ApplicationReviewView } from './types.js';

type Mode = 'approve' | 'reject' | 'request_info';
type Tier = (typeof MERCHANT_TIERS)[number];
type Schedule = (typeof PAYOUT_SCHEDULES)[number];
type RejectReason = (typeof REJECTION_REASONS)[number];

const WEEK_MS = 7 * 24 * 3_600_000;
const MODES: ReadonlyArray<{ mode: Mode; key: 'decisionApprove' | 'decisionReject' | 'decisionRequestInfo'; testId: string }> = [
  { mode: 'approve', key: 'decisionApprove', testId: 'decision-approve' },
  { mode: 'reject', key: 'decisionReject', testId: 'decision-reject' },
  { mode: 'request_info', key: 'decisionRequestInfo', testId: 'decision-request-info' },
];

/** Every field a reviewer may ask for: what is due or wrong first, then the other checked fields. */
function requestable(review: ApplicationReviewView): string[] {
  const r = review.requirements;
  return [...new Set([...r.currently_due, ...r.pending_verification, ...r.errors.map((e) => e.field), ...r.eventually_due, ...review.checks.map((c) => c.field)])];
}

export function DecisionForm({ review, now }: { review: ApplicationReviewView; now: number }) {
  const api = useApi();
  const t = useT(messages);
  const applicationId = review.application.applicationId;
  const failed = review.checks.filter((c) => c.status === 'failed').length;
  const fields = useMemo(() => requestable(review), [review]);

  const [mode, setMode] = useState<Mode>(failed > 0 ? 'request_info' : 'approve');
  const [tier, setTier] = useState<Tier>('standard');
  const [schedule, setSchedule] = useState<Schedule>('daily');
  const [reserve, setReserve] = useState('10');
  const [reason, setReason] = useState<RejectReason>('incomplete');
  const [requested, setRequested] = useState<Set<string>>(() => new Set(review.requirements.currently_due));
  const [deadline, setDeadline] = useState(() => epochToChinaLocal(now + WEEK_MS));
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Failure | null>(null);
  const [queued, setQueued] = useState(false);

  const reserveBps = percentToBps(reserve);
  const deadlineAt = chinaLocalToEpoch(deadline);
  // `now` is the console's clock (simulated in demo mode), not this machine's.
  const deadlineOk = deadlineAt !== null && deadlineAt > now;
  const valid = mode === 'approve' ? reserveBps !== null && failed === 0 : mode === 'reject' ? true : requested.size > 0 && deadlineOk;

  function command(): MerchantCommand | null {
    const extra = note.trim() ? { note: note.trim() } : {};
    if (mode === 'approve') return reserveBps === null ? null : { type: 'application.approve', applicationId, data: { tier, payoutSchedule: schedule, reserveBps, ...extra } };
    if (mode === 'reject') return { type: 'application.reject', applicationId, data: { reasonCode: reason, ...extra } };
    return deadlineAt === null ? null : { type: 'application.request_info', applicationId, data: { requirements: [...requested], deadlineAt, ...extra } };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    const cmd = command();
    if (!valid || !cmd) return;
    setBusy(true);
    setError(null);
    const result = await api.call('merchants.decide', { command: cmd });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setQueued(true);
  }

  if (queued) {
    return (
      <Panel title={t('decisionTitle')}>
        <Notice tone="success" testId="decision-queued">
          {t('queued')}
        </Notice>
      </Panel>
    );
  }

  return (
    <Panel title={t('decisionTitle')}>
      <form onSubmit={(e) => void submit(e)} data-testid="decision-form" noValidate>
        <div className="segmented" role="group" aria-label={t('decisionKind')}>
          {MODES.map((m) => (
            <button key={m.mode} type="button" className="segmented-option" aria-pressed={mode === m.mode} onClick={() => setMode(m.mode)} data-testid={m.testId}>
              {t(m.key)}
            </button>
          ))}
        </div>

        {mode === 'approve' && (
          <div className="form-grid">
            {failed > 0 && (
              <p className="warning-text" role="note">
                {t('approveBlocked', { count: failed })}
              </p>
            )}
            <Field label={t('tier')}>
              {(id) => (
                <select id={id} value={tier} onChange={(e) => setTier(e.target.value as Tier)} data-testid="approve-tier">
                  {MERCHANT_TIERS.map((x) => (
                    <option key={x} value={x}>
                      {t(`tier_${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('schedule')}>
              {(id) => (
                <select id={id} value={schedule} onChange={(e) => setSchedule(e.target.value as Schedule)} data-testid="approve-schedule">
                  {PAYOUT_SCHEDULES.map((x) => (
                    <option key={x} value={x}>
                      {t(`schedule_${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('reservePercent')} hint={t('reserveHint')} error={reserveBps === null && (touched || reserve !== '') ? t('reserveInvalid') : null}>
              {(id) => (
                <input id={id} inputMode="decimal" value={reserve} onChange={(e) => setReserve(e.target.value)} aria-invalid={reserveBps === null || undefined} data-testid="approve-reserve" />
              )}
            </Field>
          </div>
        )}

        {mode === 'reject' && (
          <Field label={t('rejectReason')}>
            {(id) => (
              <select id={id} value={reason} onChange={(e) => setReason(e.target.value as RejectReason)} data-testid="reject-reason">
                {REJECTION_REASONS.map((x) => (
                  <option key={x} value={x}>
                    {t(`reason_${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        {mode === 'request_info' && (
          <>
            <fieldset className="checklist" data-testid="request-requirements" aria-invalid={(touched && requested.size === 0) || undefined}>
              <legend>{t('requestWhich')}</legend>
              {fields.map((field) => (
                <label key={field} className="check-option">
                  <input
                    type="checkbox"
                    checked={requested.has(field)}
                    value={field}
                    onChange={(e) =>
                      setRequested((current) => {
                        const next = new Set(current);
                        if (e.target.checked) next.add(field);
                        else next.delete(field);
                        return next;
                      })
                    }
                  />
                  {fieldLabel(field, t)} <code>{field}</code>
                </label>
              ))}
              {touched && requested.size === 0 && (
                <small role="alert" className="field-message">
                  {t('requestNeedOne')}
                </small>
              )}
            </fieldset>
            <Field label={t('requestDeadline')} error={touched && !deadlineOk ? t('deadlineInvalid') : null}>
              {(id) => <input id={id} type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} data-testid="request-deadline" />}
            </Field>
          </>
        )}

        <Field label={t('note')}>{(id) => <input id={id} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="decision-note" />}</Field>
        <ErrorBanner error={error} />
        <Button variant={mode === 'reject' ? 'danger' : 'primary'} type="submit" disabled={busy || (mode === 'approve' && failed > 0)} data-testid="decision-submit">
          {mode === 'approve' ? t('submitApprove') : mode === 'reject' ? t('submitReject') : t('submitRequest')}
        </Button>
      </form>
    </Panel>
  );
}
