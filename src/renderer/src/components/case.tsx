/**
 * Parts of a case view that dispute, risk and order screens share: the timeline of events, the
 * ledger movements of the order, the decisions still waiting for the hub ("pending sync"), and
 * a refused decision explained in words; a case still loading or not found.
 */
import type { ReactNode } from 'react';
import type { MovementRow, PendingDecision, TimelineEntry } from '../../../shared/api/console.js';
import { isCurrency, type Currency } from '../../../shared/money.js';
import type { Failure } from '../../../shared/result.js';
import * as format from '../format.js';
import { common } from '../i18n/common.js';
import { useLanguage, useT, type Translate } from '../i18n/i18n.js';
import { caseMessages, hasCaseKey, type CaseKey } from './case-messages.js';
import { Badge, DateTime, Empty, ErrorBanner, Loading, Money, Panel } from './ui.js';

type T = Translate<CaseKey>;

/** A refused decision: what it means for the staff member, then the code and the main process's words. */
export function DecisionError({ error, testId = 'decision-error' }: { error: Failure | null; testId?: string }) {
  const t = useT(caseMessages);
  if (!error) return null;
  const key = `err_${error.code}`;
  return (
    <div role="alert" className="error-banner" data-testid={testId} data-code={error.code}>
      <strong>{hasCaseKey(key) ? t(key) : t('errUnknown')}</strong> <code>{error.code}</code>
      {error.message && <div className="error-detail">{t('errDetail', { message: error.message })}</div>}
    </div>
  );
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Event bodies carry amounts as decimal strings of minor units. */
function amountOf(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return BigInt(value);
  return null;
}

export function actorLabel(actor: unknown, t: T, c: Translate<keyof (typeof common)['en']>): string {
  const a = asRecord(actor);
  if (a.kind === 'staff') {
    const role = typeof a.role === 'string' && ['agent', 'risk', 'onboarding', 'finance', 'admin'].includes(a.role) ? c(`role_${a.role as 'agent'}`) : String(a.role);
    return t('actorStaff', { id: String(a.id), role });
  }
  if (a.kind === 'marketplace') return t('actorMarketplace');
  return t('actorSystem');
}

function summary(entry: TimelineEntry, t: T, money: (m: bigint) => string): string {
  const d = asRecord(entry.data);
  const parts: string[] = [];
  const amount = amountOf(d.amount);
  if (amount !== null && entry.type !== 'risk.flagged') parts.push(t('evAmount', { amount: money(amount) }));
  if (entry.type === 'order.released') {
    const released = amountOf(d.released);
    if (released !== null) parts.push(t('evAmount', { amount: money(released) }));
    // A partial release posts part of the hold; the rest goes back to the buyer without a transfer of its own.
    const returned = amountOf(d.returned);
    if (returned !== null && returned > 0n) parts.push(t('evReturned', { amount: money(returned) }));
  }
  if (entry.type === 'dispute.status_changed' && typeof d.status === 'string') parts.push(t('evStatus', { status: d.status }));
  if (entry.type === 'dispute.assigned') {
    const assignee = asRecord(d.assignee);
    parts.push(d.assignee ? t('evAssignee', { name: String(assignee.name ?? assignee.id) }) : t('evUnassigned'));
  }
  if (entry.type === 'dispute.message_added' && typeof d.from === 'string') parts.push(t('evFrom', { from: d.from }));
  if (entry.type === 'dispute.resolution_proposed' || entry.type === 'dispute.resolved') {
    const refund = amountOf(d.refundAmount);
    const release = amountOf(d.releaseAmount);
    if (refund !== null && release !== null) parts.push(t('evRefundRelease', { refund: money(refund), release: money(release) }));
  }
  if (entry.type === 'risk.flagged' && typeof d.score === 'number') parts.push(t('evScore', { score: d.score }));
  if (typeof d.note === 'string' && d.note) parts.push(t('evNote', { note: d.note }));
  return parts.join(' · ');
}

export function Timeline({ entries, currency }: { entries: readonly TimelineEntry[]; currency: Currency }) {
  const t = useT(caseMessages);
  const c = useT(common);
  const { language } = useLanguage();
  if (entries.length === 0) return <p className="empty">{t('timelineEmpty')}</p>;
  const money = (m: bigint) => format.money(m, isCurrency(currency) ? currency : 'CNY', language);
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) => {
        const key = `ev_${entry.type.replace(/\./g, '_')}`;
        const text = summary(entry, t, money);
        return (
          <li key={entry.seq} data-type={entry.type}>
            <strong>{hasCaseKey(key) ? t(key) : entry.type}</strong>
            {text && <span> — {text}</span>}
            <div className="timeline-meta">
              <DateTime at={entry.at} /> · {actorLabel(entry.actor, t, c)} · #{entry.seq}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export function LedgerMovements({ movements, caption }: { movements: readonly MovementRow[]; caption?: string }) {
  const t = useT(caseMessages);
  if (movements.length === 0) return <p className="empty" data-testid="ledger-movements">{t('movementsEmpty')}</p>;
  const label = (prefix: 'code' | 'kind', value: string) => {
    const key = `${prefix}_${value}`;
    return hasCaseKey(key) ? t(key) : value;
  };
  return (
    <div className="table-scroll">
      <table className="data" data-testid="ledger-movements">
        <caption className="visually-hidden">{caption ?? t('movements')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colTime')}</th>
            <th scope="col">{t('colCode')}</th>
            <th scope="col">{t('colKind')}</th>
            <th scope="col">{t('colDebit')}</th>
            <th scope="col">{t('colCredit')}</th>
            <th scope="col" className="num">
              {t('colAmount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {movements.map((m) => (
            <tr key={m.id} data-code={m.code}>
              <td>
                <DateTime at={m.at} />
              </td>
              <td>{label('code', m.code)}</td>
              <td>{label('kind', m.kind)}</td>
              <td>
                <code>{m.debitAccountId}</code>
              </td>
              <td>
                <code>{m.creditAccountId}</code>
              </td>
              <td className="num">
                <Money amount={m.amount} currency={m.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** This console's decisions on the case: pending ones wait for the hub; a rejection says why. */
export function PendingDecisions({ pending }: { pending: readonly PendingDecision[] }) {
  const t = useT(caseMessages);
  const { language } = useLanguage();
  const shown = pending.filter((p) => p.status !== 'accepted');
  if (shown.length === 0) return null;
  const commandLabel = (type: string) => {
    const key = `cmd_${type.replace(/\./g, '_')}`;
    return hasCaseKey(key) ? t(key) : type;
  };
  return (
    <section className="pending-sync" aria-label={t('pendingTitle')} data-testid="pending-sync">
      <h2>{t('pendingTitle')}</h2>
      <ul>
        {shown.map((p) => (
          <li key={p.id} data-status={p.status}>
            {p.status === 'pending' ? <Badge tone="warning">⏳ {t('pendingSync')}</Badge> : <Badge tone="danger">✕ {t('rejectedByHub')}</Badge>}{' '}
            <strong>{commandLabel(p.type)}</strong> <span className="muted">{t('queuedAt', { when: format.dateTime(p.createdAt, language) })}</span>
            {p.status === 'rejected' && (
              <div className="pending-reason">
                <DecisionError error={{ code: p.code ?? 'rejected', message: p.message ?? '' }} testId="hub-rejection" />
              </div>
            )}
          </li>
        ))}
      </ul>
      {shown.some((p) => p.status === 'pending') && <p className="muted">{t('pendingExplain')}</p>}
    </section>
  );
}

/** "Pending sync" in a case's header while any of this console's decisions on it waits for the hub. */
export function PendingSyncBadge({ pending }: { pending: readonly PendingDecision[] }) {
  const t = useT(caseMessages);
  return pending.some((p) => p.status === 'pending') ? <Badge tone="warning">⏳ {t('pendingSync')}</Badge> : null;
}

/** A case screen before its case is there: the way back, then loading, "not found" or the error. */
export function CaseUnavailable({ back, loading, error, notFound }: { back: ReactNode; loading: boolean; error: Failure | null; notFound: string }) {
  return (
    <div>
      {back}
      {loading && <Loading />}
      {error?.code === 'not_found' ? <Empty>{notFound}</Empty> : <ErrorBanner error={error} />}
    </div>
  );
}

/** The foot of a case screen: the timeline of its events and the order's ledger movements. */
export function CaseHistory({ timeline, movements, currency }: { timeline: readonly TimelineEntry[]; movements: readonly MovementRow[]; currency: Currency }) {
  const t = useT(caseMessages);
  return (
    <>
      <Panel title={t('timeline')}>
        <Timeline entries={timeline} currency={currency} />
      </Panel>
      <Panel title={t('movements')}>
        <LedgerMovements movements={movements} />
      </Panel>
    </>
  );
}
