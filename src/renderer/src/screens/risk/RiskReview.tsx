/**
 * One flagged order (#/risk/<orderId>): the score and the rules behind it, the order, the
 * buyer's and merchant's recent history, the officer's decision, the timeline and the ledger
 * movements. Decisions queued here show as "pending sync" until the hub answers.
 */
import { CaseHistory, CaseUnavailable, PendingDecisions, PendingSyncBadge } from '../../components/case.js';
import type { RiskDetail } from '../../../../shared/api/views.js';
import type { OrderState } from '../../../../shared/escrow/order.js';
import { Badge, Button, DateTime, Loading, Money, PageHeader, Panel } from '../../components/ui.js';
import { useCaseView } from '../../components/useCaseView.js';
import * as format from '../../format.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { href } from '../../router.js';
import { levelLabel, levelTone, ruleLabel } from './hooks.js';
import { messages } from './messages.js';
import { RiskActions } from './RiskActions.js';

/** Scores stop at 100 (src/core/risk/score.ts); the rules' points may add up to more. */
const MAX_SCORE = 100;

function OrdersTable({ orders, current, caption }: { orders: readonly OrderState[]; current: string; caption: string }) {
  const t = useT(messages);
  if (orders.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <div className="table-scroll">
      <table className="data" data-testid="related-orders">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colOrder')}</th>
            <th scope="col">{t('colPaid')}</th>
            <th scope="col" className="num">
              {t('colAmount')}
            </th>
            <th scope="col">{t('colStatus')}</th>
            <th scope="col">{t('colDispute')}</th>
            <th scope="col">{t('colFrozen')}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.orderId} className={o.orderId === current ? 'current-row' : undefined}>
              <th scope="row">
                {o.orderId === current ? (
                  <>
                    {o.orderId} <small>({t('thisOrder')})</small>
                  </>
                ) : (
                  o.orderId
                )}
              </th>
              <td>
                <DateTime at={o.paidAt} />
              </td>
              <td className="num">
                <Money amount={o.amount} currency={o.currency} />
              </td>
              <td>{t(`order_${o.status}`)}</td>
              <td>{o.dispute ? o.dispute.disputeId : '—'}</td>
              <td>{o.riskHoldReason ? t('yes') : t('no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RiskReview({ orderId }: { orderId: string }) {
  const t = useT(messages);
  const { language } = useLanguage();
  const detail = useCaseView('risk.get', { orderId });

  const back = (
    <a href={href('risk')} className="back-link" data-testid="back-to-risk-queue">
      ← {t('back')}
    </a>
  );
  if (!detail.data) return <CaseUnavailable back={back} loading={detail.loading} error={detail.error} notFound={t('notFound')} />;

  const { flag, order, timeline, movements, pending, buyerOrders, merchantOrders, buyerDisputes } = detail.data as RiskDetail;
  const open = flag.status === 'open' || flag.status === 'kept';
  const waiting = pending.some((p) => p.status === 'pending' && (p.type === 'risk.clear' || p.type === 'risk.refund_fraud'));
  const total = flag.findings.reduce((sum, f) => sum + f.points, 0);

  return (
    <div className="risk-review" data-testid="risk-review" data-order-id={flag.orderId} data-status={flag.status}>
      {back}
      <PageHeader
        title={t('reviewTitle', { id: flag.orderId })}
        actions={
          <Button onClick={detail.reload} data-testid="risk-reload">
            {t('refresh')}
          </Button>
        }
      >
        <div className="cell-badges">
          <Badge tone={levelTone(flag.level)}>
            {t('total')} {flag.score} · {levelLabel(flag.level, t)}
          </Badge>
          <Badge tone={flag.status === 'fraud' ? 'danger' : flag.status === 'cleared' ? 'success' : 'info'}>
            <span data-testid="risk-status">{t(`status_${flag.status}`)}</span>
          </Badge>
          <PendingSyncBadge pending={pending} />
        </div>
      </PageHeader>
      {detail.loading && <Loading />}
      <PendingDecisions pending={pending} />
      {!open && (
        <p className="notice" data-testid="risk-closed">
          {t('closedFlag', { status: t(`status_${flag.status}`) })}
        </p>
      )}
      {flag.reviewedBy && flag.reviewedAt !== null && (
        <p className="muted">
          {t('reviewedBy', { name: flag.reviewedBy.name ?? flag.reviewedBy.id, when: format.dateTime(flag.reviewedAt, language) })}
          {flag.note && <span> — {t('reviewNote', { note: flag.note })}</span>}
        </p>
      )}

      <div className="grid grid-2 case-grid">
        <div>
          <Panel title={t('scoreBreakdown')}>
            {flag.findings.length === 0 ? (
              <p className="muted">{t('noFindings')}</p>
            ) : (
              <table className="data" data-testid="score-breakdown">
                <caption className="visually-hidden">{t('scoreCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('colRule')}</th>
                    <th scope="col" className="num">
                      {t('colPoints')}
                    </th>
                    <th scope="col">{t('colReason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {flag.findings.map((f) => (
                    <tr key={f.rule} data-rule={f.rule}>
                      <th scope="row">{ruleLabel(f.rule, t)}</th>
                      <td className="num">{f.points}</td>
                      <td>{f.reason}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('total')}</th>
                    <td className="num">
                      <strong data-testid="risk-score">{flag.score}</strong>
                      {total !== flag.score && (
                        <small className="muted" data-testid="risk-score-note">
                          {' '}
                          {total > MAX_SCORE ? t('rulesCapped', { total, max: MAX_SCORE }) : t('rulesAdjusted', { total })}
                        </small>
                      )}
                    </td>
                    <td>{levelLabel(flag.level, t)}</td>
                  </tr>
                </tfoot>
              </table>
            )}
          </Panel>
          {open && <RiskActions flag={flag} order={order} waiting={waiting} onQueued={detail.reload} />}
        </div>
        <Panel title={t('orderFacts')}>
          <dl className="facts" data-testid="risk-order">
            <dt>{t('colOrder')}</dt>
            <dd>
              <a href={href('orders', order.orderId)} aria-label={t('openOrder', { id: order.orderId })} data-testid="risk-open-order">
                <code>{order.orderId}</code>
              </a>
            </dd>
            <dt>{t('amount')}</dt>
            <dd data-testid="risk-order-amount">
              <Money amount={order.amount} currency={order.currency} />
            </dd>
            <dt>{t('held')}</dt>
            <dd data-testid="risk-order-held">
              <Money amount={order.held} currency={order.currency} />
            </dd>
            <dt>{t('released')}</dt>
            <dd>
              <Money amount={order.released} currency={order.currency} />
            </dd>
            <dt>{t('refunded')}</dt>
            <dd data-testid="risk-order-refunded">
              <Money amount={order.refunded} currency={order.currency} />
            </dd>
            <dt>{t('orderStatus')}</dt>
            <dd data-testid="risk-order-status">{t(`order_${order.status}`)}</dd>
            <dt>{t('buyer')}</dt>
            <dd data-testid="risk-order-buyer">{order.buyerId}</dd>
            <dt>{t('merchant')}</dt>
            <dd data-testid="risk-order-merchant">{order.merchantId}</dd>
            <dt>{t('buyerRegion')}</dt>
            <dd>{order.buyerRegion ?? '—'}</dd>
            <dt>{t('shippingRegion')}</dt>
            <dd>{order.shippingRegion ?? '—'}</dd>
            <dt>{t('device')}</dt>
            <dd>{order.deviceId ?? '—'}</dd>
            <dt>{t('address')}</dt>
            <dd>{order.shippingAddress ?? '—'}</dd>
            <dt>{t('paidAt')}</dt>
            <dd>
              <DateTime at={order.paidAt} />
            </dd>
            <dt>{t('flaggedAt')}</dt>
            <dd>
              <DateTime at={flag.flaggedAt} />
            </dd>
          </dl>
          {order.riskHoldReason && <p className="notice notice-warning">⚠ {t('frozen', { reason: order.riskHoldReason })}</p>}
        </Panel>
      </div>

      <div className="grid grid-2">
        <Panel title={t('buyerHistory', { id: flag.buyerId })}>
          <p data-testid="buyer-disputes">{t('buyerDisputes', { count: buyerDisputes })}</p>
          <h3 className="subheading">{t('recentOrders')}</h3>
          <OrdersTable orders={buyerOrders} current={order.orderId} caption={t('ordersCaption', { who: flag.buyerId })} />
        </Panel>
        <Panel title={t('merchantHistory', { id: flag.merchantId })}>
          <h3 className="subheading">{t('recentOrders')}</h3>
          <OrdersTable orders={merchantOrders} current={order.orderId} caption={t('ordersCaption', { who: flag.merchantId })} />
        </Panel>
      </div>

      <CaseHistory timeline={timeline} movements={movements} currency={order.currency} />
    </div>
  );
}
