/**
 * One order (`#/orders/<id>`, reached from search and from case views; not in the menu): its
 * facts, where its money is (held, released with fee and reserve, refunded), the timeline of
 * its events, its ledger movements and this console's decisions on it waiting for the hub.
 */
import { useState } from 'react';
import { useCall } from '../../api/client.js';
import type { ScreenProps } from '../../app/screens.js';
import { LedgerMovements, PendingDecisions, Timeline } from '../../components/case.js';
import type { OrderDetail as OrderDetailView } from '../../../../shared/api/views.js';
import type { OrderState } from '../../../../shared/escrow/order.js';
import { Badge, Button, DateTime, ErrorBanner, Field, Loading, Money, PageHeader, Panel } from '../../components/ui.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { href, Link, navigate } from '../../router.js';
import { messages } from './messages.js';
import './orders.css';

const STATUS_TONE: Record<OrderState['status'], 'info' | 'success' | 'warning'> = { paid: 'info', shipped: 'info', released: 'success', refunded: 'warning' };

function OpenOrder() {
  const t = useT(messages);
  const [id, setId] = useState('');
  return (
    <div className="orders-screen" data-testid="order-open">
      <PageHeader title={t('openTitle')} />
      <Panel>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (id.trim()) navigate('orders', id.trim());
          }}
        >
          <Field label={t('orderId')} hint={t('openHint')}>
            {(fieldId) => <input id={fieldId} value={id} maxLength={64} onChange={(e) => setId(e.target.value)} data-testid="order-open-id" />}
          </Field>
          <Button type="submit" variant="primary" disabled={!id.trim()}>
            {t('open')}
          </Button>
        </form>
      </Panel>
    </div>
  );
}

function Balances({ order }: { order: OrderState }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const percent = (bps: number) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(bps / 10_000);
  const total = order.held + order.released + order.refunded;
  const balanced = total === order.amount;
  const seller = order.released - order.fee - order.reserve;
  const rows: Array<{ key: string; label: string; amount: bigint; sub?: boolean; note?: string }> = [
    { key: 'held', label: t('held'), amount: order.held, note: order.dispute || order.riskHoldReason ? t('frozen') : undefined },
    { key: 'released', label: t('released'), amount: order.released },
    ...(order.released > 0n
      ? [
          { key: 'seller', label: t('seller'), amount: seller, sub: true },
          { key: 'fee', label: t('fee', { rate: percent(order.feeBps) }), amount: order.fee, sub: true },
          {
            key: 'reserve',
            label: t('reserve', { rate: percent(order.reserveBps) }),
            amount: order.reserve,
            sub: true,
            note: order.reserveDueAt ? t('reserveDue', { when: format.dateTime(order.reserveDueAt, language) }) : undefined,
          },
        ]
      : []),
    { key: 'refunded', label: t('refunded'), amount: order.refunded },
  ];
  return (
    <div className="table-scroll">
      <table className="data" data-testid="order-balances">
        <caption className="visually-hidden">{t('balancesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colPart')}</th>
            <th scope="col" className="num">
              {t('colAmount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-part={r.key}>
              <th scope="row" className={r.sub ? 'sub-row' : undefined}>
                {r.label}
                {r.note && <span className="muted"> · {r.note}</span>}
              </th>
              <td className="num">
                <Money amount={r.amount} currency={order.currency} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-part="total">
            <th scope="row">
              {t('total')} <span className={balanced ? 'tone-success' : 'tone-danger'}>{balanced ? t('balanced') : t('unbalanced')}</span>
            </th>
            <td className="num">
              <Money amount={total} currency={order.currency} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function OrderFacts({ order }: { order: OrderState }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const hours = (ms: number) => new Intl.NumberFormat(language, { style: 'unit', unit: 'hour', maximumFractionDigits: 0 }).format(ms / 3_600_000);
  return (
    <dl className="facts" data-testid="order-facts">
      <dt>{t('buyer')}</dt>
      <dd>
        <code>{order.buyerId}</code>
      </dd>
      <dt>{t('merchant')}</dt>
      <dd>
        <Link to={['merchants', order.merchantId]}>{order.merchantId}</Link>
      </dd>
      <dt>{t('amount')}</dt>
      <dd>
        <Money amount={order.amount} currency={order.currency} />
      </dd>
      <dt>{t('paidAt')}</dt>
      <dd>
        <DateTime at={order.paidAt} />
      </dd>
      <dt>{t('shipping')}</dt>
      <dd>{order.shippingMethod ? t('shippingValue', { method: order.shippingMethod, tracking: order.trackingNo ?? t('noTracking') }) : t('notShipped')}</dd>
      {order.shippedAt !== null && (
        <>
          <dt>{t('shippedAt')}</dt>
          <dd>
            <DateTime at={order.shippedAt} />
          </dd>
        </>
      )}
      {(order.confirmDueAt !== null || order.pausedRemainingMs !== null) && (
        <>
          <dt>{t('confirmDue')}</dt>
          <dd>
            {order.confirmDueAt !== null && <DateTime at={order.confirmDueAt} />}
            {order.pausedRemainingMs !== null && <span> {t('paused', { remaining: hours(order.pausedRemainingMs) })}</span>}
            {order.extensionUsed && <span className="muted"> · {t('extensionUsed')}</span>}
          </dd>
        </>
      )}
      {order.dispute && (
        <>
          <dt>{t('dispute')}</dt>
          <dd>
            <a href={href('disputes', order.dispute.disputeId)} data-testid="order-dispute-link">
              {t('openDispute', { id: order.dispute.disputeId })}
            </a>
          </dd>
        </>
      )}
      {order.riskHoldReason && (
        <>
          <dt>{t('riskHold')}</dt>
          <dd>
            <Badge tone="danger">⚠ {order.riskHoldReason}</Badge>{' '}
            <a href={href('risk', order.orderId)} data-testid="order-risk-link">
              {t('openRisk')}
            </a>
          </dd>
        </>
      )}
      <dt>{t('regions')}</dt>
      <dd>{t('regionsValue', { buyer: order.buyerRegion ?? t('unknown'), shipping: order.shippingRegion ?? t('unknown') })}</dd>
    </dl>
  );
}

function OrderDetail({ orderId }: { orderId: string }) {
  const t = useT(messages);
  const call = useCall('orders.get', { orderId });
  const detail = call.data as OrderDetailView | null;
  if (call.loading && !detail) return <Loading />;
  if (call.error) {
    return (
      <div className="orders-screen" data-testid="order">
        <PageHeader title={t('title', { id: orderId })} />
        {call.error.code === 'not_found' ? <p className="empty">{t('notFound', { id: orderId })}</p> : <ErrorBanner error={call.error} />}
      </div>
    );
  }
  if (!detail) return null;
  const { order } = detail;
  return (
    <div className="orders-screen" data-testid="order" data-order-id={order.orderId}>
      <PageHeader title={t('title', { id: order.orderId })} actions={<Button onClick={call.reload}>{t('reload')}</Button>}>
        <Badge tone={STATUS_TONE[order.status]}>{t(`status_${order.status}`)}</Badge>
      </PageHeader>
      <PendingDecisions pending={detail.pending} />
      <div className="grid grid-2">
        <Panel title={t('facts')}>
          <OrderFacts order={order} />
        </Panel>
        <Panel title={t('balances')}>
          <Balances order={order} />
        </Panel>
      </div>
      <Panel title={t('timeline')}>
        <Timeline entries={detail.timeline} currency={order.currency} />
      </Panel>
      <Panel title={t('movements')}>
        <LedgerMovements movements={detail.movements} caption={t('movements')} />
      </Panel>
    </div>
  );
}

export function OrderScreen({ route }: ScreenProps) {
  const orderId = route[0];
  return orderId ? <OrderDetail key={orderId} orderId={orderId} /> : <OpenOrder />;
}
