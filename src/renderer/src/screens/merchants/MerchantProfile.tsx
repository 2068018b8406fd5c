/** A merchant's profile: terms, balances (posted / pending / available, reserve), payouts, disputes, flags, status. */
import type { StaffIdentity } from '../../../../shared/api/hub.js';
import { can } from '../../../../shared/permissions.js';
import { useCall } from '../../api/client.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { DateTime, Empty, ErrorBanner, Loading, Money, PageHeader, Panel, Stat } from '../../components/ui.js';
import { useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { MerchantStatusBadge, PayoutStatusBadge } from './badges.js';
import { bpsToPercent, maskAccount, tierLabel } from './helpers.js';
import { MerchantStatusForm } from './MerchantStatusForm.js';
import { messages } from './messages.js';
import type { MerchantProfileView } from './types.js';

function Balances({ profile }: { profile: MerchantProfileView }) {
  const t = useT(messages);
  if (profile.balances.length === 0) return <Empty>{t('noBalances')}</Empty>;
  return (
    <>
      <table className="data" data-testid="merchant-balances">
        <caption className="visually-hidden">{t('balancesTable')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colCurrency')}</th>
            <th scope="col">{t('colAccount')}</th>
            <th scope="col" className="num">
              {t('colPosted')}
            </th>
            <th scope="col" className="num">
              {t('colPending')}
            </th>
            <th scope="col" className="num">
              {t('colAvailable')}
            </th>
          </tr>
        </thead>
        <tbody>
          {profile.balances.flatMap((b) =>
            (
              [
                ['payable', t('accountPayable'), b.payable],
                ['reserve', t('accountReserve'), b.reserve],
              ] as const
            ).map(([kind, label, v]) => (
              <tr key={`${b.currency}:${kind}`} data-testid={`balance-${kind}`} data-currency={b.currency}>
                <td>{b.currency}</td>
                <th scope="row">{label}</th>
                <td className="num">
                  <Money amount={v.posted} currency={b.currency} />
                </td>
                <td className="num">
                  <Money amount={v.pending} currency={b.currency} />
                </td>
                <td className="num">
                  <Money amount={v.available} currency={b.currency} />
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <p className="muted">{t('balancesExplained')}</p>
    </>
  );
}

function Payouts({ profile }: { profile: MerchantProfileView }) {
  const t = useT(messages);
  if (profile.payouts.length === 0) return <Empty>{t('noPayouts')}</Empty>;
  return (
    <table className="data">
      <caption className="visually-hidden">{t('payoutsTable')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('colPayout')}</th>
          <th scope="col" className="num">
            {t('colAmount')}
          </th>
          <th scope="col">{t('colStatus')}</th>
          <th scope="col">{t('colCreated')}</th>
          <th scope="col">{t('colSent')}</th>
          <th scope="col">{t('colSettled')}</th>
          <th scope="col">{t('colNote')}</th>
        </tr>
      </thead>
      <tbody>
        {profile.payouts.map((p) => (
          <tr key={p.payoutId} data-testid="payout-row" data-payout-id={p.payoutId} data-status={p.status}>
            <td>
              <code title={p.payoutId}>{p.payoutId.slice(0, 13)}…</code>
            </td>
            <td className="num">
              <Money amount={p.amount} currency={p.currency} />
            </td>
            <td>
              <PayoutStatusBadge status={p.status} />
            </td>
            <td>
              <DateTime at={p.createdAt} />
            </td>
            <td>{p.sentAt !== null ? <DateTime at={p.sentAt} /> : '—'}</td>
            <td>{p.settledAt !== null ? <DateTime at={p.settledAt} /> : '—'}</td>
            <td>
              {[p.failureReason, p.reissuedAs && t('reissuedAs', { id: p.reissuedAs.slice(0, 13) }), p.reissueOf && t('reissueOf', { id: p.reissueOf.slice(0, 13) })].filter(Boolean).join(' · ') || '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MerchantProfile({ merchantId, staff }: { merchantId: string; staff: StaffIdentity }) {
  const t = useT(messages);
  const call = useCall('merchants.profile', { merchantId });
  useOnSyncChange(call.reload);
  const profile = call.data as MerchantProfileView | null;
  if (call.loading && !profile) return <Loading />;
  if (!profile) return <ErrorBanner error={call.error} />;
  const m = profile.merchant;
  const reviewer = can(staff.role, 'merchants.review');

  return (
    <div className="merchant-profile" data-testid="merchant-profile" data-merchant-id={merchantId}>
      <PageHeader title={t('profileTitle', { id: merchantId })} actions={<a href={href('merchants')}>{t('backToMerchants')}</a>}>
        {m && (
          <p className="subtitle">
            {m.legalName} · <MerchantStatusBadge status={m.status} />
          </p>
        )}
      </PageHeader>
      <ErrorBanner error={call.error} />
      {!m && <p className="info-text">{t('notOnboarded', { id: merchantId })}</p>}

      <div className="grid grid-4">
        <Stat label={t('disputesOpen')} value={profile.disputes.open} tone={profile.disputes.open > 0 ? 'warning' : undefined} />
        <Stat label={t('disputesTotal')} value={profile.disputes.total} />
        <Stat label={t('flagsUnreviewed')} value={profile.flags.unreviewed} tone={profile.flags.unreviewed > 0 ? 'danger' : undefined} />
        <Stat label={t('flagsTotal')} value={profile.flags.total} />
      </div>

      {m && (
        <div className="grid grid-2">
          <Panel title={t('termsTitle')}>
            <dl className="facts" data-testid="merchant-terms">
              <dt>{t('colTier')}</dt>
              <dd>{tierLabel(m.tier, t)}</dd>
              <dt>{t('colSchedule')}</dt>
              <dd>{t(`schedule_${m.payoutSchedule}`)}</dd>
              <dt>{t('colReserve')}</dt>
              <dd>{bpsToPercent(m.reserveBps)} %</dd>
              <dt>{t('fieldBank')}</dt>
              <dd>
                {t(`bankKind_${m.bankAccount.kind}`)} <code>{maskAccount(m.bankAccount.kind, m.bankAccount.number)}</code>
              </dd>
              <dt>{t('colActivated')}</dt>
              <dd>
                <DateTime at={m.activatedAt} />
              </dd>
              <dt>{t('colApplication')}</dt>
              <dd>{reviewer ? <a href={href('merchants', 'applications', m.applicationId)}>{m.applicationId}</a> : m.applicationId}</dd>
            </dl>
          </Panel>
          <Panel title={t('statusTitle')}>
            <p>
              <MerchantStatusBadge status={m.status} />
            </p>
            {m.status === 'suspended' && m.suspendedReason && <p data-testid="suspended-reason">{t('suspendedBecause', { reason: m.suspendedReason })}</p>}
            {reviewer && <MerchantStatusForm key={`${m.merchantId}:${m.version}`} merchant={m} />}
          </Panel>
        </div>
      )}

      <Panel title={t('balancesTitle')}>
        <Balances profile={profile} />
      </Panel>
      <Panel title={t('payoutsTitle')}>
        <Payouts profile={profile} />
      </Panel>
    </div>
  );
}
