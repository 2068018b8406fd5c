/**
 * The overview: today's money (held, released, refunded), the work waiting (disputes by SLA,
 * risk flags by level, applications, payouts, reconciliation exceptions) and the trends of the
 * chosen range (7, 30 or 90 China days) in one currency. Figures come from `stats.overview`
 * (counts answered from indexes) and `stats.series` (per-day figures kept by the ledger's
 * triggers); "today" is the console's clock (`stats.overview.at`), not the window's.
 */
import { useState, type ReactNode } from 'react';
import type { MorningStats } from '../../../../shared/api/views.js';
import { CURRENCIES, DEFAULT_CURRENCY, type Currency } from '../../../../shared/money.js';
import { useCall } from '../../api/client.js';
import type { ScreenProps } from '../../app/screens.js';
import { Segmented } from '../../components/Segmented.js';
import { useOnSyncChange } from '../../components/sync-status.js';
import { Button, ErrorBanner, Field, Loading, Money, PageHeader, Panel, Stat } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { AgingChart, RatesChart, SettlementChart, VolumeChart } from './charts.js';
import { messages } from './messages.js';
import { QuietRangeNotice } from './QuietRangeNotice.js';
import { agingBuckets, chinaDay, RANGES, rangeEndingOn, type RangeDays } from './types.js';
import './overview.css';

function StatCard({ testId, ...stat }: { testId: string; label: string; value: ReactNode; tone?: 'warning' | 'danger'; hint?: ReactNode }) {
  return (
    <div data-testid={testId}>
      <Stat {...stat} />
    </div>
  );
}

export function OverviewScreen(_props: ScreenProps) {
  const t = useT(messages);
  const { language } = useLanguage();
  const [days, setDays] = useState<RangeDays>(30);
  const [currency, setCurrency] = useState<Currency>(DEFAULT_CURRENCY);
  const overview = useCall('stats.overview', {});
  const stats = overview.data as MorningStats | null;
  const range = stats ? rangeEndingOn(stats.at, days) : null;
  const series = useCall('stats.series', { from: range?.from ?? 0, to: range?.to ?? 1, currency }, range !== null);
  const figures = series.data?.days ?? [];
  const today = stats ? chinaDay(stats.at) : null;
  const todayFigures = figures.find((d) => d.day === today) ?? null;
  const count = (n: number) => format.count(n, language);

  const refresh = () => {
    overview.reload();
    series.reload();
  };
  // Figures follow the replica: a console still catching up (or a decision synced) shows the new numbers.
  useOnSyncChange(refresh);

  return (
    <div className="overview-screen" data-testid="overview">
      <PageHeader
        title={t('title')}
        actions={
          <>
            <Segmented
              label={t('range')}
              testId="overview-range"
              value={String(days) as `${RangeDays}`}
              options={RANGES.map((n) => ({ value: String(n) as `${RangeDays}`, label: t(`range${n}`) }))}
              onChange={(v) => setDays(Number(v) as RangeDays)}
            />
            <Field label={t('currency')}>
              {(id) => (
                <select id={id} value={currency} onChange={(e) => setCurrency(e.target.value as Currency)} data-testid="overview-currency">
                  {CURRENCIES.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Button onClick={refresh} data-testid="overview-refresh">
              {t('refresh')}
            </Button>
          </>
        }
      >
        {stats && <p className="subtitle">{t('asOf', { when: format.dateTime(stats.at, language) })}</p>}
      </PageHeader>
      <ErrorBanner error={overview.error ?? series.error} />
      {(overview.loading || series.loading) && <Loading />}

      {today && (
        <section aria-labelledby="overview-today" className="overview-section">
          <h2 id="overview-today">{t('today', { day: format.date(stats!.at, language) })}</h2>
          <div className="grid grid-4">
            <StatCard testId="overview-stat-held-today" label={t('heldToday')} value={todayFigures ? <Money amount={todayFigures.paid} currency={currency} /> : '—'} />
            <StatCard testId="overview-stat-released-today" label={t('releasedToday')} value={todayFigures ? <Money amount={todayFigures.released} currency={currency} /> : '—'} />
            <StatCard testId="overview-stat-refunded-today" label={t('refundedToday')} value={todayFigures ? <Money amount={todayFigures.refunded} currency={currency} /> : '—'} />
            <StatCard testId="overview-stat-orders-today" label={t('ordersToday')} value={todayFigures ? count(todayFigures.orders) : '—'} />
          </div>
        </section>
      )}

      {stats && (
        <section aria-labelledby="overview-work" className="overview-section">
          <h2 id="overview-work">{t('work')}</h2>
          <div className="grid grid-2">
            <Panel title={t('disputes')}>
              <div className="grid grid-4">
                <StatCard testId="overview-stat-open-disputes" label={t('disputesOpen')} value={count(stats.disputes.open)} />
                <StatCard testId="overview-stat-overdue-disputes" label={t('disputesOverdue')} value={count(stats.disputes.overdue)} tone={stats.disputes.overdue > 0 ? 'danger' : undefined} />
                <StatCard testId="overview-stat-due-soon-disputes" label={t('disputesDueSoon')} value={count(stats.disputes.due_soon)} tone={stats.disputes.due_soon > 0 ? 'warning' : undefined} />
                <StatCard
                  testId="overview-stat-on-track-disputes"
                  label={t('disputesOnTrack')}
                  value={count(Math.max(0, stats.disputes.open - stats.disputes.overdue - stats.disputes.due_soon))}
                />
              </div>
            </Panel>
            <Panel title={t('flags')}>
              <div className="grid grid-3">
                <StatCard testId="overview-stat-flags-unreviewed" label={t('flagsUnreviewed')} value={count(stats.risk_flags.unreviewed)} />
                <StatCard
                  testId="overview-stat-flags-highest"
                  label={t('level_highest')}
                  value={count(stats.risk_flags.by_level_unreviewed.highest ?? 0)}
                  tone={(stats.risk_flags.by_level_unreviewed.highest ?? 0) > 0 ? 'danger' : undefined}
                />
                <StatCard testId="overview-stat-flags-elevated" label={t('level_elevated')} value={count(stats.risk_flags.by_level_unreviewed.elevated ?? 0)} />
              </div>
              <p className="muted" data-testid="overview-holds-frozen">
                {t('holdsFrozen', { dispute: count(stats.holds_frozen.by_dispute), risk: count(stats.holds_frozen.by_risk) })}
              </p>
            </Panel>
          </div>
          <Panel title={t('onboardingAndSettlement')}>
            <div className="grid grid-4">
              <StatCard testId="overview-stat-applications-waiting" label={t('applicationsWaiting')} value={count(stats.applications.waiting)} />
              <StatCard
                testId="overview-stat-payouts-in-flight"
                label={t('payoutsInFlight')}
                value={count((stats.payouts.by_status.pending ?? 0) + (stats.payouts.by_status.in_transit ?? 0))}
              />
              <StatCard
                testId="overview-stat-payouts-failed"
                label={t('payoutsFailed')}
                value={count(stats.payouts.by_status.failed ?? 0)}
                tone={(stats.payouts.by_status.failed ?? 0) > 0 ? 'danger' : undefined}
              />
              <StatCard
                testId="overview-stat-open-exceptions"
                label={t('exceptionsOpen')}
                value={count(Object.values(stats.reconciliation.open_exceptions_by_category).reduce((a, b) => a + b, 0))}
                hint={stats.reconciliation.open_days > 0 ? t('exceptionDays', { count: count(stats.reconciliation.open_days) }) : undefined}
              />
            </div>
          </Panel>
        </section>
      )}

      {stats && (
        <section aria-labelledby="overview-charts" className="overview-section">
          <h2 id="overview-charts">{t('charts')}</h2>
          {series.data && !figures.some((d) => d.orders > 0) && (
            <QuietRangeNotice days={days} currency={currency} lastPaidDay={stats.last_paid_day[currency]} today={today!} onRange={setDays} />
          )}
          <div className="grid grid-2 overview-charts">
            <Panel>
              <VolumeChart days={figures} currency={series.data?.currency ?? currency} />
            </Panel>
            <Panel>
              <RatesChart days={figures} />
            </Panel>
            <Panel>
              <SettlementChart days={figures} currency={series.data?.currency ?? currency} />
            </Panel>
            <Panel>
              <AgingChart buckets={agingBuckets(stats.reconciliation.open_exceptions_by_day ?? {}, today!)} />
            </Panel>
          </div>
        </section>
      )}
    </div>
  );
}
