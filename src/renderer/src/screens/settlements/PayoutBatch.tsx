/**
 * A payout run: the active merchants of one schedule with money available, each paid its whole
 * available balance or an amount typed here (exact decimal → minor units, never a float). Each
 * payout is a `payout.create` decision with an id made here, queued for the hub.
 */
import { useState } from 'react';
import { PAYOUT_SCHEDULES, type PayoutSchedule } from '../../../../shared/escrow/merchant.js';
import { newId } from '../../../../shared/ids.js';
import { parseAmount } from '../../../../shared/money.js';
import { useApi, useCall } from '../../api/client.js';
import { Notice } from '../../components/Notice.js';
import { Segmented } from '../../components/Segmented.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { Badge, Button, Empty, ErrorBanner, Loading, Money, Panel } from '../../components/ui.js';
import { useT, type Translate } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { messages, type SettlementsKey } from './messages.js';
import type { Candidate } from './types.js';

const keyOf = (c: Candidate) => `${c.merchantId}:${c.currency}`;

/** The amount typed for a candidate: null = the whole available balance; a string = why it is refused. */
function amountOf(text: string | undefined, candidate: Candidate, t: Translate<SettlementsKey>): bigint | null | string {
  if (!text?.trim()) return null;
  const parsed = parseAmount(text.trim(), candidate.currency);
  if (!parsed.ok) return t(`money_${parsed.error}`, { currency: candidate.currency });
  if (parsed.value === 0n) return t('amountPositive');
  return parsed.value > candidate.available ? t('amountTooLarge') : parsed.value;
}

export function PayoutBatch({ onCreated }: { onCreated(): void }) {
  const api = useApi();
  const t = useT(messages);
  const [schedule, setSchedule] = useState<PayoutSchedule>('daily');
  const call = useCall('payouts.candidates', { schedule });
  useOnSyncChange(call.reload);
  const candidates = (call.data as Candidate[] | null) ?? [];
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  /**
   * Payouts queued here, by candidate, with the balance they were decided on: the candidate
   * stays locked (no second payout by a double click) until a sync shows its balance moved.
   */
  const [queued, setQueued] = useState<ReadonlyMap<string, bigint>>(new Map());
  const isQueued = (c: Candidate) => queued.get(keyOf(c)) === c.available;
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: number; failed: Array<{ key: string; message: string; code: string }> } | null>(null);

  const selectable = candidates.filter((c) => !isQueued(c));
  const chosen = selectable.filter((c) => selected.has(keyOf(c)));
  const invalid = chosen.some((c) => typeof amountOf(amounts[keyOf(c)], c, t) === 'string');
  const allSelected = selectable.length > 0 && selectable.every((c) => selected.has(keyOf(c)));

  function toggle(key: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  async function create() {
    setBusy(true);
    setOutcome(null);
    let ok = 0;
    const failed: Array<{ key: string; message: string; code: string }> = [];
    for (const c of chosen) {
      const amount = amountOf(amounts[keyOf(c)], c, t);
      if (typeof amount === 'string') continue;
      const result = await api.call('merchants.decide', {
        command: { type: 'payout.create', payoutId: newId(), data: { merchantId: c.merchantId, currency: c.currency, ...(amount === null ? {} : { amount }) } },
      });
      if (result.ok) {
        ok += 1;
        setQueued((current) => new Map(current).set(keyOf(c), c.available));
      } else {
        failed.push({ key: keyOf(c), code: result.error.code, message: result.error.message });
      }
    }
    setSelected(new Set());
    setBusy(false);
    setOutcome({ ok, failed });
    if (ok > 0) onCreated();
  }

  function changeSchedule(next: PayoutSchedule) {
    setSchedule(next);
    setSelected(new Set());
    setOutcome(null);
  }

  return (
    <Panel title={t('batchTitle')}>
      <div className="filters">
        <Segmented label={t('schedule')} options={PAYOUT_SCHEDULES.map((s) => ({ value: s, label: t(`schedule_${s}`) }))} value={schedule} onChange={changeSchedule} testId="payout-schedule" />
      </div>
      <ErrorBanner error={call.error} />
      {outcome && (
        <Notice tone={outcome.failed.length ? 'warning' : 'success'} testId="payout-batch-outcome">
          {t('createdCount', { ok: outcome.ok, failed: outcome.failed.length })} {outcome.ok > 0 && t('queued')}
          {outcome.failed.length > 0 && (
            <ul>
              {outcome.failed.map((f) => (
                <li key={f.key}>
                  {f.key}: {f.message} <code>{f.code}</code>
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      {call.loading && !call.data ? (
        <Loading />
      ) : candidates.length === 0 ? (
        <Empty>{t('noCandidates')}</Empty>
      ) : (
        <>
          <table className="data" data-testid="payout-candidates">
            <caption className="visually-hidden">{t('candidatesTable')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" aria-label={t('selectAll')} checked={allSelected} onChange={(e) => setSelected(e.target.checked ? new Set(selectable.map(keyOf)) : new Set())} data-testid="candidate-select-all" />
                </th>
                <th scope="col">{t('colMerchant')}</th>
                <th scope="col">{t('colCurrency')}</th>
                <th scope="col" className="num">
                  {t('colAvailable')}
                </th>
                <th scope="col">{t('colPayAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => {
                const key = keyOf(c);
                const amount = amountOf(amounts[key], c, t);
                const error = typeof amount === 'string' ? amount : null;
                return (
                  <tr key={key} data-testid="payout-candidate" data-merchant-id={c.merchantId} data-currency={c.currency}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('selectRow', { merchant: c.merchantId, currency: c.currency })}
                        checked={selected.has(key)}
                        disabled={isQueued(c)}
                        onChange={(e) => toggle(key, e.target.checked)}
                      />
                    </td>
                    <td>
                      <a href={href('merchants', c.merchantId)}>{c.merchantId}</a>
                    </td>
                    <td>{c.currency}</td>
                    <td className="num">
                      <Money amount={c.available} currency={c.currency} />
                    </td>
                    <td>
                      {isQueued(c) ? (
                        <Badge tone="info">{t('candidateQueued')}</Badge>
                      ) : (
                        <div className={`inline-field ${error ? 'field-error' : ''}`}>
                          <input
                            aria-label={t('payAmountLabel', { merchant: c.merchantId, currency: c.currency })}
                            inputMode="decimal"
                            placeholder={t('payAmountHint')}
                            value={amounts[key] ?? ''}
                            aria-invalid={error ? true : undefined}
                            onChange={(e) => setAmounts((current) => ({ ...current, [key]: e.target.value }))}
                            data-testid="payout-amount"
                          />
                          {error && (
                            <small role="alert" className="field-message">
                              {error}
                            </small>
                          )}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="form-actions">
            <Button variant="primary" disabled={busy || chosen.length === 0 || invalid} onClick={() => void create()} data-testid="payout-create">
              {t('createPayouts', { count: chosen.length })}
            </Button>
          </div>
        </>
      )}
    </Panel>
  );
}
