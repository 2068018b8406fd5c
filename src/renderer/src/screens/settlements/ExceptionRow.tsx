/**
 * One exception of a day and what finance does about it: force-match, write off, re-issue a
 * failed payout or ignore, each with a reason. A write-off above the four-eyes threshold is
 * only proposed: it waits for another finance officer, who approves it here.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ExceptionView } from '../../../../shared/api/views.js';
import type { ReconCommand, ResolutionKind } from '../../../../shared/escrow/recon.js';
import { newId } from '../../../../shared/ids.js';
import { ReasonMissing, useReasonField } from '../../components/ReasonForm.js';
import { Badge, Button, Money } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import { isOpen, resolutionsFor, writeOffAmount } from './resolutions.js';

function Amount({ value, exception }: { value: bigint | null; exception: ExceptionView }) {
  return value === null ? <>—</> : <Money amount={value} currency={exception.currency} />;
}

function Status({ exception }: { exception: ExceptionView }) {
  const t = useT(messages);
  const r = exception.resolution;
  return (
    <div className="exception-status">
      {!r ? (
        <Badge tone="warning">{t('exStatus_open')}</Badge>
      ) : r.status === 'proposed' ? (
        <Badge tone="info">{t('exStatus_proposed')}</Badge>
      ) : (
        <Badge tone="success">{t('exStatus_resolved')}</Badge>
      )}{' '}
      {exception.pendingSync && <Badge tone="warning">{t('pendingSync')}</Badge>}
      {r && (
        <div className="muted" data-testid="exception-resolution">
          {t('resolvedBy', { resolution: t(`resolution_${r.resolution}`), name: r.by.name ?? r.by.id, reason: r.reason })}
          {r.amount !== null && r.currency && (
            <>
              {' '}
              (<Money amount={r.amount} currency={r.currency} />)
            </>
          )}
        </div>
      )}
    </div>
  );
}

function ResolveForm({ exception, dayId, onDecide }: { exception: ExceptionView; dayId: string; onDecide(command: ReconCommand): Promise<boolean> }) {
  const t = useT(messages);
  const id = useId();
  const kinds = resolutionsFor(exception);
  const [kind, setKind] = useState<ResolutionKind>(kinds[0] ?? 'ignore');
  const field = useReasonField(`${id}-error`);
  const [busy, setBusy] = useState(false);
  /** Decided: the form stays away until the day reloads with the resolution (no second submit). */
  const [sent, setSent] = useState(false);
  const amount = kind === 'write_off' ? writeOffAmount(exception) : null;
  const label = exception.reference ?? exception.key;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = field.take();
    if (text === null) return;
    setBusy(true);
    // The write-off amount is the exception's own: the main process computes it, never a typed figure.
    const done = await onDecide({
      type: 'recon.resolve',
      dayId,
      data: { exceptionKey: exception.key, category: exception.category, resolution: kind, reason: text, ...(kind === 'reissue_payout' ? { newPayoutId: newId() } : {}) },
    });
    setBusy(false);
    if (done) setSent(true);
  }

  if (sent) return <Badge tone="warning">{t('pendingSync')}</Badge>;

  return (
    <form className="resolve-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={`${id}-kind`} className="visually-hidden">
        {t('resolveActionFor', { ref: label })}
      </label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ResolutionKind)} data-testid="resolve-action">
        {kinds.map((k) => (
          <option key={k} value={k}>
            {t(`resolution_${k}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`} className="visually-hidden">
        {t('resolveReasonFor', { ref: label })}
      </label>
      <input id={`${id}-reason`} placeholder={t('resolveReason')} {...field.inputProps} maxLength={200} data-testid="resolve-reason" />
      <Button type="submit" variant="primary" disabled={busy} data-testid="resolve-submit">
        {t('resolveSubmit')}
      </Button>
      {amount !== null && (
        <small className="muted" data-testid="write-off-amount">
          {t('writeOffLabel')} <Money amount={amount} currency={exception.currency} />
        </small>
      )}
      <ReasonMissing id={`${id}-error`} missing={field.missing}>
        {t('reasonRequired')}
      </ReasonMissing>
    </form>
  );
}

/** Another officer's proposed write-off, approved by this one (once: the button stays away until the day reloads). */
function ApproveButton({ exceptionKey, dayId, onDecide }: { exceptionKey: string; dayId: string; onDecide(command: ReconCommand): Promise<boolean> }) {
  const t = useT(messages);
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  if (state === 'sent') return <Badge tone="warning">{t('pendingSync')}</Badge>;
  return (
    <Button
      variant="primary"
      disabled={state === 'busy'}
      onClick={() => {
        setState('busy');
        void onDecide({ type: 'recon.approve_write_off', dayId, data: { exceptionKey } }).then((done) => setState(done ? 'sent' : 'idle'));
      }}
      data-testid="approve-write-off"
    >
      {t('approveWriteOff')}
    </Button>
  );
}

export function ExceptionRow({
  exception,
  dayId,
  closed,
  staffId,
  onDecide,
}: {
  exception: ExceptionView;
  dayId: string;
  closed: boolean;
  staffId: string | null;
  onDecide(command: ReconCommand): Promise<boolean>;
}) {
  const t = useT(messages);
  const e = exception;
  const r = e.resolution;
  const status = !r ? 'open' : r.status;
  const mine = r !== null && staffId !== null && r.by.id === staffId;

  return (
    <tr data-testid="exception-row" data-key={e.key} data-category={e.category} data-status={status} className={isOpen(e) ? 'exception-open' : undefined}>
      <th scope="row">
        {e.reference ?? '—'}
        <div>
          <code className="exception-key" title={e.key}>
            {e.key}
          </code>
        </div>
      </th>
      <td className="num">
        <Amount value={e.expectedAmount} exception={e} />
      </td>
      <td className="num">
        <Amount value={e.statementAmount} exception={e} />
      </td>
      <td className="num">
        <Amount value={e.difference} exception={e} />
      </td>
      <td>{e.detail}</td>
      <td>
        <Status exception={e} />
      </td>
      <td className="actions">
        {!closed && !r && <ResolveForm exception={e} dayId={dayId} onDecide={onDecide} />}
        {!closed && r?.status === 'proposed' && mine && <small className="muted">{t('ownProposal')}</small>}
        {!closed && r?.status === 'proposed' && !mine && !e.pendingSync && <ApproveButton exceptionKey={e.key} dayId={dayId} onDecide={onDecide} />}
      </td>
    </tr>
  );
}
