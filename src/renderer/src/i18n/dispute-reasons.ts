/**
 * The buyer's dispute reasons as staff read them: one set for every screen that names a reason
 * (the dispute queue and case, global search), spread into their messages.
 */
import type { DisputeReason } from '../../../shared/escrow/order.js';

export const DISPUTE_REASON_LABELS: Record<'en' | 'zh-CN', Record<`reason_${DisputeReason}`, string>> = {
  en: {
    reason_item_not_received: 'Item not received',
    reason_not_as_described: 'Not as described',
    reason_damaged: 'Damaged',
    reason_counterfeit: 'Counterfeit',
    reason_unauthorized: 'Unauthorized payment',
    reason_duplicate_charge: 'Duplicate charge',
    reason_other: 'Other',
  },
  'zh-CN': {
    reason_item_not_received: '未收到货',
    reason_not_as_described: '与描述不符',
    reason_damaged: '商品损坏',
    reason_counterfeit: '假冒商品',
    reason_unauthorized: '未经授权的付款',
    reason_duplicate_charge: '重复扣款',
    reason_other: '其他',
  },
};
