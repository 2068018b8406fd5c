import { defineMessages } from '../i18n/i18n.js';
import { DISPUTE_REASON_LABELS } from '../i18n/dispute-reasons.js';
import { DISPUTE_STATUS_LABELS, MERCHANT_STATUS_LABELS, withPrefix } from '../i18n/status-labels.js';

/**
 * Strings of global search: the kinds of hit and the status (`<kind>_<status>`) and reason codes
 * a hit may carry (search spans every kind: the statuses other screens show too come from
 * ../i18n/status-labels.ts, the rest are worded here; an unknown code shows as it is).
 */
export const searchMessages = defineMessages({
  en: {
    title: 'Search',
    placeholder: 'Order, dispute, merchant, buyer, application or payout id, or a legal name',
    results: 'Results',
    searching: 'Searching…',
    noResults: 'Nothing starts with “{q}”.',
    hint: 'Ids match from their start, names from their first letters.',
    keys: '↑ ↓ to choose, Enter to open, Esc to close',
    oneResult: '1 result',
    resultCount: '{count} results',
    kind_order: 'Order',
    kind_dispute: 'Dispute',
    kind_merchant: 'Merchant',
    kind_buyer: 'Buyer',
    kind_application: 'Application',
    kind_payout: 'Payout',
    buyerOrders: '{count} orders, latest {order}',
    forOrder: 'order {order}',
    order_paid: 'Paid, held',
    order_shipped: 'Shipped, held',
    order_released: 'Released',
    order_refunded: 'Refunded',
    ...withPrefix('dispute_', DISPUTE_STATUS_LABELS.en),
    ...withPrefix('merchant_', MERCHANT_STATUS_LABELS.en),
    application_submitted: 'Submitted',
    application_information_requested: 'Information requested',
    application_approved: 'Approved',
    application_rejected: 'Rejected',
    payout_pending: 'Pending',
    payout_in_transit: 'In transit',
    payout_paid: 'Paid',
    payout_failed: 'Failed',
    payout_canceled: 'Canceled',
    ...DISPUTE_REASON_LABELS.en,
  },
  'zh-CN': {
    title: '搜索',
    placeholder: '订单、纠纷、商户、买家、入驻申请或打款编号，或商户名称',
    results: '搜索结果',
    searching: '正在搜索…',
    noResults: '没有以“{q}”开头的结果。',
    hint: '编号按开头匹配，名称按开头的字匹配。',
    keys: '↑ ↓ 选择，Enter 打开，Esc 关闭',
    oneResult: '1 条结果',
    resultCount: '{count} 条结果',
    kind_order: '订单',
    kind_dispute: '纠纷',
    kind_merchant: '商户',
    kind_buyer: '买家',
    kind_application: '入驻申请',
    kind_payout: '打款',
    buyerOrders: '{count} 笔订单，最近一笔 {order}',
    forOrder: '订单 {order}',
    order_paid: '已支付，担保中',
    order_shipped: '已发货，担保中',
    order_released: '已放款',
    order_refunded: '已退款',
    ...withPrefix('dispute_', DISPUTE_STATUS_LABELS['zh-CN']),
    ...withPrefix('merchant_', MERCHANT_STATUS_LABELS['zh-CN']),
    application_submitted: '已提交',
    application_information_requested: '待补充资料',
    application_approved: '已通过',
    application_rejected: '已拒绝',
    payout_pending: '待打款',
    payout_in_transit: '在途',
    payout_paid: '已打款',
    payout_failed: '打款失败',
    payout_canceled: '已取消',
    ...DISPUTE_REASON_LABELS['zh-CN'],
  },
});

export type SearchKey = keyof (typeof searchMessages)['en'];

export function isSearchKey(key: string): key is SearchKey {
  return key in searchMessages.en;
}
