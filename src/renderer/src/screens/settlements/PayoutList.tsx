/**
 * Payouts by status, newest first: send pending ones to the bank (one or a selection), cancel a
 * pending one, pay a failed one again (a new payout). Every action is a decision queued for the
 * hub; the row says "pending sync" until the hub's answer comes back with the next sync.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { PAYOUT_STATUSES, type MerchantCommand, type PayoutStatus } from '../../../../shared/escrow/merchant.js';
import { newId } from '../../../../shared/ids.js';
import type { Failure } from '../../../../shared/result.js';
import { useApi } from '../../api/client.js';
import { Notice } from '../../components/Notice.js';
import { ReasonForm } from '../../components/ReasonForm.js';
import { Segmented } from '../../components/Segmented.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { Badge, Button, DateTime, Empty, ErrorBanner, Loading, Money, Panel } from '../../components/ui.js';
import { usePages } from '../../components/usePages.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { PayoutStatusBadge } from '../merchants/badges.js';
import { messages } from './messages.js';
import type { PayoutView } from './types.js';

type Filter = PayoutStatus | 'all';
type Action = 'cancel' | 'reissue';

const short = (id: string) => `${id.slice(0, 13)}…`;

function PayoutRow({
  payout,
  selected,
  onSelect,
  queued,
  onDecide,
}: {
  payout: PayoutView;
  selected: boolean;
  onSelect(on: boolean): void;
  queued: boolean;
  onDecide(command: MerchantCommand): Promise<boolean>;
}) {
  const t = useT(messages);
  const [action, setAction] = useState<Action | null>(null);
  const p = payout;
  const pending = p.status === 'pending' && !queued;
  const reissuable = p.status === 'failed' && !p.reissuedAs && !queued;
  const notes = [
    p.failureReason && t('failure', { reason: p.failureReason }),
    p.reissuedAs && t('reissuedAs', { id: short(p.reissuedAs) }),
    p.reissueOf && t('reissueOf', { id: short(p.reissueOf) }),
  ].filter(Boolean);

  async function submit(reason: string) {
    const command: MerchantCommand =
      action === 'cancel'
        ? { type: 'payout.cancel', payoutId: p.payoutId, data: { reason } }
        : { type: 'payout.reissue', payoutId: p.payoutId, data: { newPayoutId: newId(), reason } };
    if (await onDecide(command)) setAction(null);
  }

  return (
    <tr data-testid="payout-row" data-payout-id={p.payoutId} data-status={p.status}>
      <td>{pending && <input type="checkbox" aria-label={t('selectPayout', { id: p.payoutId })} checked={selected} onChange={(e) => onSelect(e.target.checked)} data-testid="payout-select" />}</td>
      <td>
        <code title={p.payoutId}>{short(p.payoutId)}</code>
      </td>
      <td>
        <a href={href('merchants', p.merchantId)}>{p.merchantId}</a>
      </td>
      <td className="num">
        <Money amount={p.amount} currency={p.currency} />
      </td>
      <td>
        <PayoutStatusBadge status={p.status} /> {queued && <Badge tone="warning">{t('pendingSync')}</Badge>}
      </td>
      <td>
        <DateTime at={p.createdAt} />
      </td>
      <td>{p.sentAt !== null ? <DateTime at={p.sentAt} /> : '—'}</td>
      <td>{p.settledAt !== null ? <DateTime at={p.settledAt} /> : '—'}</td>
      <td>{notes.length ? notes.join(' · ') : '—'}</td>
      <td className="actions">
        {action ? (
          <ReasonForm
            labels={{
              reason: action === 'cancel' ? t('cancelReason') : t('reissueReason'),
              submit: action === 'cancel' ? t('confirmCancel') : t('confirmReissue'),
              cancel: t('back'),
              required: t('reasonRequired'),
            }}
            variant={action === 'cancel' ? 'danger' : 'primary'}
            onSubmit={submit}
            onCancel={() => setAction(null)}
            testId={`payout-${action}`}
          />
        ) : (
          <>
            {pending && (
              <>
                <Button variant="primary" onClick={() => void onDecide({ type: 'payout.send', payoutId: p.payoutId, data: {} })} data-testid="payout-send">
                  {t('send')}
                </Button>
                <Button variant="ghost" onClick={() => setAction('cancel')} data-testid="payout-cancel-open">
                  {t('cancel')}
                </Button>
              </>
            )}
            {reissuable && (
              <Button onClick={() => setAction('reissue')} data-testid="payout-reissue-open">
                {t('reissue')}
              </Button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

function MerchantFilter({ value, onChange }: { value: string; onChange(value: string): void }) {
  const t = useT(messages);
  const id = useId();
  const [text, setText] = useState(value);
  function submit(event: FormEvent) {
    event.preventDefault();
    const merchantId = text.trim();
    if (merchantId === '' || /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(merchantId)) onChange(merchantId);
  }
  return (
    <form className="inline-form" onSubmit={submit} role="search" aria-label={t('merchantFilter')}>
      <label htmlFor={id}>{t('merchantFilter')}</label>
      <input id={id} value={text} maxLength={64} onChange={(e) => setText(e.target.value)} data-testid="payout-merchant-filter" />
      <Button type="submit">{t('applyFilter')}</Button>
    </form>
  );
}

export function PayoutList({ refresh }: { refresh: number }) {
  const api = useApi();
  const t = useT(messages);
  const [status, setStatus] = useState<Filter>('pending');
  const [merchantId, setMerchantId] = useState('');
  const pages = usePages<PayoutView, 'payouts.list'>('payouts.list', { limit: 50, ...(status === 'all' ? {} : { status }), ...(merchantId ? { merchantId } : {}) }, (p) => p.payoutId);
  const { reload } = pages;
  useOnSyncChange(reload);
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  /** Decisions queued here, by payout, with the version they were decided on: "pending sync" until the payout changes. */
  const [queued, setQueued] = useState<ReadonlyMap<string, number>>(new Map());
  const isQueued = (p: PayoutView) => queued.get(p.payoutId) === p.version;
  const [error, setError] = useState<Failure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const options = [...PAYOUT_STATUSES.map((s) => ({ value: s as Filter, label: t(`payoutStatus_${s}`) })), { value: 'all' as Filter, label: t('statusAll') }];
  const sendable = pages.rows.filter((p) => p.status === 'pending' && !isQueued(p) && selected.has(p.payoutId));

  async function decide(command: MerchantCommand): Promise<boolean> {
    setError(null);
    setNotice(null);
    const result = await api.call('merchants.decide', { command });
    if (!result.ok) {
      setError(result.error);
      return false;
    }
    const payout = pages.rows.find((p) => 'payoutId' in command && p.payoutId === command.payoutId);
    if (payout) setQueued((current) => new Map(current).set(payout.payoutId, payout.version));
    setNotice(t('queued'));
    return true;
  }

  async function sendSelected() {
    let ok = 0;
    let failed = 0;
    for (const p of sendable) {
      const result = await api.call('merchants.decide', { command: { type: 'payout.send', payoutId: p.payoutId, data: {} } });
      if (result.ok) {
        ok += 1;
        setQueued((current) => new Map(current).set(p.payoutId, p.version));
      } else {
        failed += 1;
        setError(result.error);
      }
    }
    setSelected(new Set());
    setNotice(`${t('sentCount', { ok, failed })} ${ok > 0 ? t('queued') : ''}`);
  }

  return (
    <Panel title={t('payoutsTitle')}>
      <div className="filters">
        <Segmented
          label={t('statusFilter')}
          options={options}
          value={status}
          onChange={(next) => {
            setStatus(next);
            setSelected(new Set());
          }}
          testId="payout-status"
        />
        <MerchantFilter value={merchantId} onChange={setMerchantId} />
      </div>
      <ErrorBanner error={error ?? pages.error} />
      {notice && <Notice testId="payout-notice">{notice}</Notice>}
      {pages.rows.length === 0 && pages.loading ? (
        <Loading />
      ) : pages.rows.length === 0 ? (
        <Empty>{t('noPayouts')}</Empty>
      ) : (
        <table className="data" data-testid="payout-list">
          <caption className="visually-hidden">{t('payoutsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t('colSelect')}</span>
              </th>
              <th scope="col">{t('colPayout')}</th>
              <th scope="col">{t('colMerchant')}</th>
              <th scope="col" className="num">
                {t('colAmount')}
              </th>
              <th scope="col">{t('colStatus')}</th>
              <th scope="col">{t('colCreated')}</th>
              <th scope="col">{t('colSent')}</th>
              <th scope="col">{t('colSettled')}</th>
              <th scope="col">{t('colNote')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {pages.rows.map((p) => (
              <PayoutRow
                key={p.payoutId}
                payout={p}
                queued={isQueued(p)}
                selected={selected.has(p.payoutId)}
                onSelect={(on) =>
                  setSelected((current) => {
                    const next = new Set(current);
                    if (on) next.add(p.payoutId);
                    else next.delete(p.payoutId);
                    return next;
                  })
                }
                onDecide={decide}
              />
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        {sendable.length > 0 && (
          <Button variant="primary" onClick={() => void sendSelected()} data-testid="payout-send-selected">
            {t('sendSelected', { count: sendable.length })}
          </Button>
        )}
        {pages.next && (
          <Button onClick={pages.loadMore} disabled={pages.loading} data-testid="payout-more">
            {t('loadMore')}
          </Button>
        )}
      </div>
    </Panel>
  );
}
