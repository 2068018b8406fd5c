/**
 * Status names that several screens show, worded once: each screen spreads them into its
 * messages under its own key prefix (`withPrefix('status_', DISPUTE_STATUS_LABELS.en)`), like
 * ./dispute-reasons.ts. The order screen and search word an order's status at more length
 * ("Paid, money held"), as the order stands alone there; they keep their own words.
 */
import type { DisputeStatus } from '../../../shared/escrow/dispute.js';
import type { PayoutStatus } from '../../../shared/escrow/merchant.js';
import type { OrderStatus } from '../../../shared/escrow/order.js';

type Labels<S extends string> = Record<'en' | 'zh-CN', Record<S, string>>;

export const DISPUTE_STATUS_LABELS: Labels<DisputeStatus> = {
  en: {
    open: 'Open',
    awaiting_merchant: 'Awaiting merchant',
    awaiting_buyer: 'Awaiting buyer',
    under_review: 'Under review',
    resolved_refund_full: 'Refunded in full',
    resolved_refund_partial: 'Partly refunded',
    resolved_release: 'Released',
    resolved_split: 'Split',
    withdrawn: 'Withdrawn',
  },
  'zh-CN': {
    open: '待处理',
    awaiting_merchant: '等待商家回复',
    awaiting_buyer: '等待买家回复',
    under_review: '审核中',
    resolved_refund_full: '已全额退款',
    resolved_refund_partial: '已部分退款',
    resolved_release: '已放款',
    resolved_split: '已按比例分配',
    withdrawn: '已撤回',
  },
};

/** An order's status beside a case (dispute, risk flag) about it. */
export const ORDER_STATUS_LABELS: Labels<OrderStatus> = {
  en: { paid: 'Paid', shipped: 'Shipped', released: 'Released', refunded: 'Refunded' },
  'zh-CN': { paid: '已付款', shipped: '已发货', released: '已放款', refunded: '已退款' },
};

export const MERCHANT_STATUS_LABELS: Labels<'active' | 'suspended'> = {
  en: { active: 'Active', suspended: 'Suspended' },
  'zh-CN': { active: '正常', suspended: '已暂停' },
};

export const PAYOUT_STATUS_LABELS: Labels<PayoutStatus> = {
  en: { pending: 'Pending', in_transit: 'In transit', paid: 'Paid', failed: 'Failed', canceled: 'Canceled' },
  'zh-CN': { pending: '待发送', in_transit: '银行处理中', paid: '已到账', failed: '失败', canceled: '已取消' },
};

/** The labels under a screen's key prefix (`open` → `status_open`). */
export function withPrefix<P extends string, S extends string>(prefix: P, labels: Record<S, string>): Record<`${P}${S}`, string> {
  return Object.fromEntries(Object.entries(labels).map(([status, label]) => [`${prefix}${status}`, label])) as Record<`${P}${S}`, string>;
}
