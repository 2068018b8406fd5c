/**
 * The overview's charts. Each is a figure with a caption, the chart (recharts: tooltip and
 * legend), and the same figures in an accessible table behind a <details>: the chart itself is
 * an image to assistive technology (role="img" with a summary), the table is what a screen
 * reader or a keyboard reads. Series differ by legend shape and line dash, not by colour alone.
 *
 * Money: amounts arrive as bigint minor units and are displayed with format.money only. For the
 * chart geometry alone (bar heights, axis ticks) they are converted to numbers in major units
 * (`geometry`); a day's total beyond 2^53 minor units would lose precision there, never in what
 * is shown as an amount (tooltips and tables format the bigint kept beside each number).
 */
import { useId, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DayFigures } from '../../../../shared/api/console.js';
import { exponentOf, type Currency } from '../../../../shared/money.js';
import { Empty } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { messages } from './messages.js';
import { type AGE_BUCKETS, chinaDayStart } from './types.js';

type Key = keyof (typeof messages)['en'];

const COLORS = { held: '#0b5cad', released: '#1d6b3a', refunded: '#b3261e', payouts: '#5b3f8c', fees: '#8a5300', disputes: '#b3261e', flags: '#0b5cad', aging: '#8a5300' };

/** Chart geometry only: minor units as a number of major units (see the file comment). */
function geometry(minor: bigint, currency: Currency): number {
  return Number(minor) / 10 ** exponentOf(currency);
}

interface TableColumn<R> {
  label: string;
  numeric?: boolean;
  cell(row: R): ReactNode;
}

function ChartFigure<R>({
  title,
  summary,
  note,
  testId,
  rows,
  rowKey,
  columns,
  empty,
  children,
}: {
  title: string;
  summary: string;
  note?: string;
  testId: string;
  rows: readonly R[];
  rowKey(row: R): string;
  /** The first column heads each row. */
  columns: ReadonlyArray<TableColumn<R>>;
  empty: string | null;
  children: ReactNode;
}) {
  const t = useT(messages);
  const titleId = useId();
  return (
    <figure className="chart-figure" aria-labelledby={titleId} data-testid={testId}>
      <figcaption>
        <h3 id={titleId}>{title}</h3>
        {note && <p className="muted">{note}</p>}
      </figcaption>
      {empty !== null ? (
        <Empty>{empty}</Empty>
      ) : (
        <div className="chart" role="img" aria-label={summary}>
          {children}
        </div>
      )}
      <details className="chart-data" data-testid={`${testId}-table`}>
        <summary>{t('dataTable', { title })}</summary>
        {/* A long range scrolls inside its own box; focusable, so the keyboard scrolls it too. */}
        <div className="table-scroll chart-table" tabIndex={0} role="region" aria-label={t('dataTable', { title })}>
          <table className="data">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c, i) =>
                    i === 0 ? (
                      <th key={c.label} scope="row">
                        {c.cell(row)}
                      </th>
                    ) : (
                      <td key={c.label} className={c.numeric ? 'num' : undefined}>
                        {c.cell(row)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function useFormats(currency: Currency) {
  const { language } = useLanguage();
  return {
    language,
    money: (minor: bigint) => format.money(minor, currency, language),
    count: (n: number) => format.count(n, language),
    tick: (n: number) => format.compact(n, language),
    rate: (n: number | null) => (n === null ? null : format.decimal(n, language)),
    day: (day: string) => format.date(chinaDayStart(day), language),
    // Axis ticks; the day is a China date already.
    shortDay: (day: string) => format.monthDay(day, language),
  };
}

/** A tooltip line of an amount: the exact bigint kept beside the number the chart draws. */
function moneyTooltip(money: (m: bigint) => string) {
  return (value: unknown, name: unknown, item: { dataKey?: unknown; payload?: Record<string, unknown> }) => {
    const exact = item.payload?.[`${String(item.dataKey)}Minor`];
    return [typeof exact === 'bigint' ? money(exact) : String(value), String(name)] as [string, string];
  };
}

const hasActivity = (days: readonly DayFigures[]) => days.some((d) => d.paid > 0n || d.released > 0n || d.refunded > 0n || d.payoutsPaid > 0n || d.orders > 0);

export function VolumeChart({ days, currency }: { days: readonly DayFigures[]; currency: Currency }) {
  const t = useT(messages);
  const f = useFormats(currency);
  const data = days.map((d) => ({
    day: d.day,
    held: geometry(d.paid, currency),
    heldMinor: d.paid,
    released: geometry(d.released, currency),
    releasedMinor: d.released,
    refunded: geometry(d.refunded, currency),
    refundedMinor: d.refunded,
  }));
  return (
    <ChartFigure
      title={t('chartVolume')}
      summary={t('chartVolumeSummary')}
      testId="overview-chart-volume"
      rows={days}
      rowKey={(d) => d.day}
      empty={hasActivity(days) ? null : t('noActivity')}
      columns={[
        { label: t('colDay'), cell: (d) => f.day(d.day) },
        { label: t('held'), numeric: true, cell: (d) => f.money(d.paid) },
        { label: t('released'), numeric: true, cell: (d) => f.money(d.released) },
        { label: t('refunded'), numeric: true, cell: (d) => f.money(d.refunded) },
      ]}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={f.shortDay} />
          <YAxis tickFormatter={f.tick} width={56} />
          <Tooltip formatter={moneyTooltip(f.money)} labelFormatter={(label) => f.day(String(label))} />
          <Legend />
          <Bar dataKey="held" name={t('held')} fill={COLORS.held} legendType="square" isAnimationActive={false} />
          <Bar dataKey="released" name={t('released')} fill={COLORS.released} legendType="circle" isAnimationActive={false} />
          <Bar dataKey="refunded" name={t('refunded')} fill={COLORS.refunded} legendType="triangle" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function RatesChart({ days }: { days: readonly DayFigures[] }) {
  const t = useT(messages);
  const f = useFormats('CNY');
  const per100 = (n: number, orders: number) => (orders > 0 ? (n * 100) / orders : null);
  const data = days.map((d) => ({ day: d.day, disputes: per100(d.disputesOpened, d.orders), flags: per100(d.flagsRaised, d.orders) }));
  const rate = (n: number | null) => f.rate(n) ?? t('notApplicable');
  return (
    <ChartFigure
      title={t('chartRates')}
      summary={t('chartRatesSummary')}
      note={t('rateNote')}
      testId="overview-chart-rates"
      rows={days}
      rowKey={(d) => d.day}
      empty={days.some((d) => d.orders > 0) ? null : t('noOrders')}
      columns={[
        { label: t('colDay'), cell: (d) => f.day(d.day) },
        { label: t('orders'), numeric: true, cell: (d) => f.count(d.orders) },
        { label: t('disputesOpened'), numeric: true, cell: (d) => f.count(d.disputesOpened) },
        { label: t('disputeRate'), numeric: true, cell: (d) => rate(per100(d.disputesOpened, d.orders)) },
        { label: t('flagsRaised'), numeric: true, cell: (d) => f.count(d.flagsRaised) },
        { label: t('flagRate'), numeric: true, cell: (d) => rate(per100(d.flagsRaised, d.orders)) },
      ]}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={f.shortDay} />
          <YAxis width={40} />
          <Tooltip formatter={(value, name) => [rate(typeof value === 'number' ? value : null), String(name)]} labelFormatter={(label) => f.day(String(label))} />
          <Legend />
          <Line dataKey="disputes" name={t('disputeRate')} stroke={COLORS.disputes} strokeWidth={2} dot={{ r: 3 }} legendType="circle" connectNulls={false} isAnimationActive={false} />
          <Line dataKey="flags" name={t('flagRate')} stroke={COLORS.flags} strokeWidth={2} strokeDasharray="6 3" dot={{ r: 3 }} legendType="diamond" connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function SettlementChart({ days, currency }: { days: readonly DayFigures[]; currency: Currency }) {
  const t = useT(messages);
  const f = useFormats(currency);
  const data = days.map((d) => ({
    day: d.day,
    payouts: geometry(d.payoutsPaid, currency),
    payoutsMinor: d.payoutsPaid,
    released: geometry(d.released, currency),
    releasedMinor: d.released,
    fees: geometry(d.fees, currency),
    feesMinor: d.fees,
  }));
  return (
    <ChartFigure
      title={t('chartSettlement')}
      summary={t('chartSettlementSummary')}
      testId="overview-chart-settlement"
      rows={days}
      rowKey={(d) => d.day}
      empty={hasActivity(days) ? null : t('noActivity')}
      columns={[
        { label: t('colDay'), cell: (d) => f.day(d.day) },
        { label: t('payoutsPaid'), numeric: true, cell: (d) => f.money(d.payoutsPaid) },
        { label: t('released'), numeric: true, cell: (d) => f.money(d.released) },
        { label: t('fees'), numeric: true, cell: (d) => f.money(d.fees) },
      ]}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={f.shortDay} />
          <YAxis yAxisId="volume" tickFormatter={f.tick} width={56} />
          <YAxis yAxisId="fees" orientation="right" tickFormatter={f.tick} width={48} />
          <Tooltip formatter={moneyTooltip(f.money)} labelFormatter={(label) => f.day(String(label))} />
          <Legend />
          <Bar yAxisId="volume" dataKey="payouts" name={t('payoutsPaid')} fill={COLORS.payouts} legendType="square" isAnimationActive={false} />
          <Bar yAxisId="volume" dataKey="released" name={t('released')} fill={COLORS.released} legendType="circle" isAnimationActive={false} />
          <Line yAxisId="fees" dataKey="fees" name={t('fees')} stroke={COLORS.fees} strokeWidth={2} strokeDasharray="6 3" dot={false} legendType="diamond" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function AgingChart({ buckets }: { buckets: ReadonlyArray<{ key: (typeof AGE_BUCKETS)[number]['key']; open: number }> }) {
  const t = useT(messages);
  const f = useFormats('CNY');
  const data = buckets.map((b) => ({ age: t(b.key as Key), open: b.open }));
  return (
    <ChartFigure
      title={t('chartAging')}
      summary={t('chartAgingSummary')}
      testId="overview-chart-aging"
      rows={buckets}
      rowKey={(b) => b.key}
      empty={buckets.some((b) => b.open > 0) ? null : t('noExceptions')}
      columns={[
        { label: t('colAge'), cell: (b) => t(b.key as Key) },
        { label: t('openExceptions'), numeric: true, cell: (b) => f.count(b.open) },
      ]}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="age" />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip formatter={(value, name) => [f.count(Number(value)), String(name)]} />
          <Legend />
          <Bar dataKey="open" name={t('openExceptions')} fill={COLORS.aging} legendType="square" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
